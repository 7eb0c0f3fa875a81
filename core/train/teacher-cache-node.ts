// The teacher's outputs on disk, in the student's run folder, so that the teacher runs
// once per example, not once per epoch, and a resumed run does not run it again:
//
//   distillation/teacher-outputs/part-00000.safetensors, part-00001…
//
// Each part is a safetensors file written atomically, holding one F32 tensor per feature
// and output, named `<feature key>.<output>` (the key is a hash of the feature's input_ids,
// token_type_ids and attention_mask, so a row follows its feature whatever the order),
// with `__metadata__` naming the teacher's fingerprint (a hash of its config and weights).
// Parts of another teacher are removed on load; a pass cut short leaves whole parts only.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { decodeFloat32, parseSafetensors, serializeSafetensors, type TensorToWrite } from '../checkpoint/safetensors';
import { writeFileAtomic } from '../io/atomic-write-node';
import { PRIVATE_DIR_MODE } from '../io/private-modes';
import type { TeacherRow } from './distillation';
import { realLength, type TrainingFeature } from './features';

export const TEACHER_OUTPUTS_DIR = path.join('distillation', 'teacher-outputs');
const FORMAT = 'bert-workbench/teacher-outputs/1';
const PART = /^part-(\d{5})\.safetensors$/;

/** The teacher's identity: its config and weights, hashed. Another teacher, another fingerprint. */
export function teacherFingerprint(config: Record<string, unknown>, weights: Uint8Array): string {
  return createHash('sha256').update(JSON.stringify(config)).update('\0').update(weights).digest('hex');
}

/** A feature's key: a hash of what the model reads (its real tokens), not of its place in the data. */
export function featureKey(feature: TrainingFeature): string {
  const L = realLength(feature);
  const hash = createHash('sha1');
  hash.update(Int32Array.from(feature.inputIds.slice(0, L)));
  hash.update('|');
  hash.update(Int32Array.from(feature.tokenTypeIds?.slice(0, L) ?? []));
  hash.update('|');
  hash.update(Int32Array.from(feature.attentionMask?.slice(0, L) ?? []));
  return hash.digest('hex');
}

export interface CacheLoad {
  rows: Map<string, TeacherRow>;
  /** Parts of another teacher (or unreadable ones), removed. */
  discarded: number;
}

export class TeacherOutputsCache {
  readonly dir: string;
  private nextPart = 0;

  constructor(
    runDir: string,
    readonly fingerprint: string,
  ) {
    this.dir = path.join(runDir, TEACHER_OUTPUTS_DIR);
  }

  /** Every row stored for this teacher; parts of another teacher or damaged ones are removed. */
  async load(): Promise<CacheLoad> {
    const rows = new Map<string, TeacherRow>();
    let discarded = 0;
    for (const name of await this.partNames()) {
      const file = path.join(this.dir, name);
      const part = await readPart(file);
      this.nextPart = Math.max(this.nextPart, Number(PART.exec(name)![1]) + 1);
      if (!part || part.fingerprint !== this.fingerprint) {
        await rm(file, { force: true });
        discarded += 1;
        continue;
      }
      for (const [key, row] of part.rows) rows.set(key, row);
    }
    return { rows, discarded };
  }

  /** Writes the rows as one new part (atomically). */
  async append(rows: ReadonlyMap<string, TeacherRow>): Promise<void> {
    if (rows.size === 0) return;
    const tensors = new Map<string, TensorToWrite>();
    for (const [key, row] of rows) for (const [output, values] of Object.entries(row)) tensors.set(`${key}.${output}`, { dtype: 'F32', shape: [values.length], data: values });
    await mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const name = `part-${String(this.nextPart).padStart(5, '0')}.safetensors`;
    this.nextPart += 1;
    await writeFileAtomic(path.join(this.dir, name), serializeSafetensors(tensors, { format: FORMAT, teacher: this.fingerprint }));
  }

  private async partNames(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => PART.test(name)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** A part's rows, or undefined when it is not one (damaged, another format). */
async function readPart(file: string): Promise<{ fingerprint: string; rows: Map<string, TeacherRow> } | undefined> {
  try {
    const parsed = parseSafetensors(new Uint8Array(await readFile(file)));
    if (parsed.metadata.format !== FORMAT || typeof parsed.metadata.teacher !== 'string') return undefined;
    const rows = new Map<string, TeacherRow>();
    for (const [name, entry] of parsed.tensors) {
      const dot = name.indexOf('.');
      const key = name.slice(0, dot);
      const row = rows.get(key) ?? {};
      row[name.slice(dot + 1)] = decodeFloat32(name, entry);
      rows.set(key, row);
    }
    return { fingerprint: parsed.metadata.teacher, rows };
  } catch {
    return undefined;
  }
}
