import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFile, checkTree, formatViolation, layerOf } from './import-boundaries';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the import boundary check', () => {
  it('passes on this repository', () => {
    expect(checkTree(repoRoot).map(formatViolation)).toEqual([]);
  });

  it('places files in their layers', () => {
    expect(layerOf('core/model/model.ts')).toBe('core');
    expect(layerOf('electron/contract/api.ts')).toBe('electron/contract');
    expect(layerOf('electron/service/host.ts')).toBe('electron');
    expect(layerOf('electron/runs/run-store.ts')).toBe('electron/runs');
    expect(layerOf('electron/predict/fill-mask.ts')).toBe('electron/runs');
    expect(layerOf('renderer/src/App.tsx')).toBe('renderer');
    expect(layerOf('scripts/start.mjs')).toBeUndefined();
  });

  it.each([
    ['core/model/model.ts', "import { x } from '../../datasets/load';", 'core may not import datasets'],
    ['datasets/load.ts', "import { RunStore } from '../electron/runs/run-store';", 'datasets may not import electron'],
    ['bench/learning.ts', "import { runCli } from '../electron/cli/main';", 'bench may not import electron'],
    ['electron/runs/training-job.ts', "import { runSuite } from '../../bench/suite';", 'electron/runs may not import bench'],
    ['electron/runs/training-job.ts', "import { checkedRunConfig } from '../service/training';", 'electron/runs may not import electron'],
    ['renderer/src/pages/Runs.tsx', "import { RunStore } from '../../../electron/runs/run-store';", 'renderer may not import electron'],
    ['renderer/src/pages/Runs.tsx', "const m = await import('../../../core/model/model');", 'renderer may not import core'],
    ['electron/contract/types.ts', "export type { X } from '../../core/checkpoint/hf-folder-node';", 'platform-neutral'],
    ['core/model/encoder.ts', "import { readFile } from 'node:fs/promises';", "Node's node:fs/promises"],
    ['core/model/encoder.ts', "import * as tf from '@tensorflow/tfjs-core';", 'through core/tf.ts only'],
    ['renderer/src/App.tsx', "import { ipcRenderer } from 'electron';", 'must not import electron'],
  ])('refuses %s importing %s', (file, source, rule) => {
    const [violation] = checkFile(file, source);
    expect(violation?.rule).toContain(rule);
    expect(violation?.line).toBe(1);
  });

  it.each([
    ['renderer/src/store/index.ts', "import type { RunRecord } from '../../../electron/contract';"],
    ['electron/service/host.ts', "import { parseRunConfig } from '../../core/train/run-config';"],
    ['core/hub/cache-node.ts', "import { readFile } from 'node:fs/promises';"],
    ['core/model/model.ts', "import * as tf from '../tf';"],
    ['electron/cli/commands/bench.ts', "import { runSuite } from '../../../bench/suite';"],
    ['bench/learning.ts', "import { setUpRun } from '../electron/runs/training-setup';"],
    ['electron/runs/evaluations.test.ts', "import { runCli } from '../cli/main';"],
  ])('allows %s importing %s', (file, source) => {
    expect(checkFile(file, source)).toEqual([]);
  });

  it('names the line of the offending import', () => {
    const source = "import { a } from './a';\n\n// a comment\nimport { b } from '../datasets/b';\n";
    expect(checkFile('core/x.ts', source)).toMatchObject([{ line: 4, specifier: '../datasets/b' }]);
  });
});
