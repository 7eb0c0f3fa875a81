// Large SQuAD files for tests of reading at scale: the shipped SQuAD 2.0 sample's articles
// repeated until the file is big enough, every question id and article title unique.
import { readFileSync, writeFileSync } from 'node:fs';
import { listSamples } from '../samples-node';

interface SquadFile {
  version: string;
  data: { title: string; paragraphs: { context: string; qas: { id: string }[] }[] }[];
}

/** Writes a SQuAD 2.0 file of a little more than `bytes` to `file`. */
export function writeLargeSquad(file: string, bytes: number): void {
  const sample = listSamples().find((s) => s.id === 'squad-v2')!;
  const squad = JSON.parse(readFileSync(sample.files.train, 'utf8')) as SquadFile;
  const copySize = JSON.stringify(squad.data).length;
  const data = Array.from({ length: Math.ceil(bytes / copySize) }, (_, copy) =>
    squad.data.map((article) => ({
      title: `${article.title} ${copy}`,
      paragraphs: article.paragraphs.map((p) => ({ ...p, qas: p.qas.map((qa) => ({ ...qa, id: `${qa.id}-${copy}` })) })),
    })),
  ).flat();
  writeFileSync(file, JSON.stringify({ version: squad.version, data }));
}
