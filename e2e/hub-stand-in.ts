// The Hugging Face Hub stand-in for the end-to-end tests, as a process of its own (the
// e2e global setup starts it and a spec may stop it): BERT-Tiny under its real catalogue
// id (the real shape, generated weights), a DistilBERT to refuse, and, written straight
// into HF_HOME in huggingface_hub's layout, a model "downloaded earlier by Python".
// Prints "HUB <endpoint> <commit of BERT-Tiny>" when it answers.
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initNodeBackend } from '../core/backend/node-backends';
import { hubCacheDir } from '../core/hub/cache-node';
import { catalogueEntry } from '../core/hub/catalogue';
import { catalogueRepo, distilbertRepo, generatedCheckpoint } from '../core/hub/testing-checkpoints-node';
import { startFakeHub } from '../core/hub/testing-node';

await initNodeBackend();
const tiny = catalogueEntry('google/bert_uncased_L-2_H-128_A-2')!;
const repo = await catalogueRepo(tiny);
const hub = await startFakeHub([repo, distilbertRepo()]);
// Slow enough that the download's progress can be watched (BERT-Tiny is ~17.7 MB).
hub.bytesPerSecond = Number(process.env.HUB_BYTES_PER_SECOND ?? 2_000_000);

/** As huggingface_hub writes a download: blobs by digest, relative snapshot links, refs/main. */
async function writeCachedModel(cacheDir: string, id: string, commit: string): Promise<void> {
  const dir = path.join(cacheDir, `models--${id.split('/').join('--')}`);
  mkdirSync(path.join(dir, 'blobs'), { recursive: true });
  mkdirSync(path.join(dir, 'snapshots', commit), { recursive: true });
  mkdirSync(path.join(dir, 'refs'), { recursive: true });
  writeFileSync(path.join(dir, 'refs', 'main'), commit);
  for (const [file, bytes] of Object.entries(await generatedCheckpoint(tiny, { shrink: { layers: 1, hidden: 64, heads: 2 }, seed: 5 }))) {
    const digest = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(path.join(dir, 'blobs', digest), bytes);
    symlinkSync(path.join('..', '..', 'blobs', digest), path.join(dir, 'snapshots', commit, file));
  }
}
if (process.env.HF_HOME) await writeCachedModel(hubCacheDir(), 'someone/handmade-bert', 'ab'.repeat(20));

console.log(`HUB ${hub.endpoint} ${repo.commit}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void hub.close().then(() => process.exit(0)));
