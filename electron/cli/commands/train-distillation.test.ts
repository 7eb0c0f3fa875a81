// `bert-workbench train` with a distillation section, as a person writes it: the teacher
// is a run folder named relative to the config file; the student's folder keeps the
// teacher's outputs; a wrong field is named on stderr and the command fails.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../../core/model/testing';
import { TEACHER_OUTPUTS_DIR } from '../../../core/train/teacher-cache-node';

const execFileAsync = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..', '..');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'bert-train-distil-'));
  const reviews = ['this movie is good', 'this film is great', 'i love this story', 'the plot is very good', 'this movie is bad', 'this film is terrible', 'i hate this plot', 'the actors are really bad'];
  writeFileSync(join(scratch, 'train.tsv'), ['sentence\tlabel', ...reviews.map((text, i) => `${text}\t${i < 4 ? 'positive' : 'negative'}`)].join('\n') + '\n');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function train(config: object, name: string) {
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  return execFileAsync(process.execPath, ['bin/bert-workbench.mjs', 'train', '--config', file], { cwd: repoRoot, env: { ...process.env, WORKBENCH_HOME: join(scratch, 'home') } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const base = {
  task: 'classification',
  model: { checkpoint: referenceCheckpointDir('sequence-classification') },
  data: { train: 'train.tsv' },
  training: { max_steps: 3, batch_size: 4, learning_rate: 1e-3 },
};

describe('bert-workbench train with distillation', () => {
  it('trains a student from a teacher run folder given relative to the config', async () => {
    const teacher = await train({ ...base, output_dir: 'teacher-run' }, 'teacher');
    expect(teacher.stderr).toBe('');
    expect(teacher.code).toBe(0);
    const student = await train({ ...base, output_dir: 'student-run', distillation: { teacher: 'teacher-run', temperature: 2, alpha: 0.5 } }, 'student');
    expect(student.stderr).toBe('');
    expect(student.code).toBe(0);
    expect(student.stdout).toContain('teacher pass: 8 inputs');
    expect(readdirSync(join(scratch, 'student-run', TEACHER_OUTPUTS_DIR))).toEqual(['part-00000.safetensors']);
    expect(existsSync(join(scratch, 'student-run', 'model', 'model.safetensors'))).toBe(true);
  });

  it('names the wrong field', async () => {
    const bad = await train({ ...base, output_dir: 'bad-run', distillation: { teacher: 'teacher-run', alpha: 1.5, temprature: 2 } }, 'bad');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('distillation.temprature: is not a distillation setting; one of teacher, temperature, alpha, unlabelled');
    expect(bad.stderr).toContain('distillation.alpha: must be between 0 and 1, got 1.5');
  });
});
