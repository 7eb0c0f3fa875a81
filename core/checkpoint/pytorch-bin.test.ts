// pytorch_model.bin: the reference file (written by torch.save) reads bit-identically to its
// safetensors twin and loads as a model; hand-written archives pin down strides, storage
// offsets, half floats, protocol-4 opcodes, deflated entries and what is refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { disposeInputs, readReferenceForward, referenceCheckpointDir, REFERENCE_DIR, toModelInputs } from '../model/testing';
import { float32ToBfloat16, float32ToFloat16 } from './half-float';
import { loadHfModel, readHfFolder } from './hf-folder-node';
import { parsePytorchBin, pytorchBinToSafetensors } from './pytorch-bin';
import { pytorchBinToSafetensorsNode } from './pytorch-bin-node';
import { parseSafetensors } from './safetensors';
import { maxAbsDiff } from '../metrics/differences';

const binDir = join(REFERENCE_DIR, 'checkpoints', 'sequence-classification-bin');
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'bert-pytorch-bin-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the reference pytorch_model.bin', () => {
  it('holds bit-identically the tensors of its safetensors twin', () => {
    const bin = parsePytorchBin(readFileSync(join(binDir, 'pytorch_model.bin')));
    const twin = parseSafetensors(readFileSync(join(referenceCheckpointDir('sequence-classification'), 'model.safetensors'))).tensors;
    expect([...bin.keys()].sort()).toEqual([...twin.keys()].sort());
    for (const [name, entry] of twin) {
      const fromBin = bin.get(name)!;
      expect(fromBin.dtype, name).toBe(entry.dtype);
      expect(fromBin.shape, name).toEqual(entry.shape);
      expect(Buffer.from(fromBin.bytes).equals(Buffer.from(entry.bytes)), name).toBe(true);
    }
  });

  it('loads through loadHfModel with the reference outputs, the same as the safetensors folder', async () => {
    const reference = readReferenceForward();
    const outputs = async (dir: string) => {
      const { model } = await loadHfModel(dir);
      const inputs = toModelInputs(reference.inputs);
      const result = model.forward(inputs, { training: false });
      const logits = await result.logits!.array();
      tf.dispose(result);
      disposeInputs(inputs);
      model.dispose();
      return logits;
    };
    const fromBin = await outputs(binDir);
    expect(maxAbsDiff(fromBin, reference.checkpoints['sequence-classification']!.outputs.logits)).toBeLessThan(reference.tolerance.abs);
    expect(fromBin).toEqual(await outputs(referenceCheckpointDir('sequence-classification')));
    expect((await readHfFolder(binDir)).vocab).toContain('[CLS]');
  });
});

// ---------------------------------------------------------------------------------------
// Archives written here: a pickle assembler and a stored/deflated zip writer.

const enc = new TextEncoder();

class Pickle {
  private readonly parts: number[] = [];
  op(code: number, ...bytes: number[]): this {
    this.parts.push(code, ...bytes);
    return this;
  }
  str(text: string): this {
    const b = enc.encode(text);
    return b.length < 256 ? this.op(0x8c, b.length, ...b) : this.op(0x58, ...u32(b.length), ...b);
  }
  global(module: string, name: string): this {
    return this.op(0x63, ...enc.encode(`${module}\n${name}\n`));
  }
  stackGlobal(module: string, name: string): this {
    return this.str(module).str(name).op(0x93).op(0x94); // STACK_GLOBAL, MEMOIZE
  }
  int(n: number): this {
    return n < 256 ? this.op(0x4b, n) : this.op(0x4a, ...u32(n));
  }
  tuple(values: number[]): this {
    this.op(0x28);
    values.forEach((v) => this.int(v));
    return this.op(0x74);
  }
  /** _rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, shape, stride, False, {}) */
  tensor(type: string, key: string, numel: number, offset: number, shape: number[], stride: number[]): this {
    this.stackGlobal('torch._utils', '_rebuild_tensor_v2').op(0x28);
    this.op(0x28).str('storage').global('torch', type).str(key).str('cpu').int(numel).op(0x74).op(0x51); // BINPERSID
    return this.int(offset).tuple(shape).tuple(stride).op(0x89).op(0x7d).op(0x74).op(0x52); // False, {}, TUPLE, REDUCE
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function u32(n: number): number[] {
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
}
function u16(n: number): number[] {
  return [n & 255, (n >>> 8) & 255];
}

function zip(files: [string, Uint8Array][], deflate = false): Uint8Array {
  const out: number[] = [];
  const central: number[] = [];
  for (const [name, data] of files) {
    const body = deflate ? deflateRawSync(data) : data;
    const nameBytes = [...enc.encode(name)];
    const offset = out.length;
    const sizes = [...u32(0), ...u32(body.length), ...u32(data.length)]; // crc (not checked), sizes
    out.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(deflate ? 8 : 0), ...u32(0), ...sizes, ...u16(nameBytes.length), ...u16(3), ...nameBytes, 0, 0, 0, ...body);
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(deflate ? 8 : 0), ...u32(0), ...sizes, ...u16(nameBytes.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...nameBytes);
  }
  const at = out.length;
  out.push(...central, ...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(files.length), ...u16(files.length), ...u32(central.length), ...u32(at), ...u16(0));
  return Uint8Array.from(out);
}

function bytesOf(array: Float32Array | Uint16Array | BigInt64Array): Uint8Array {
  return new Uint8Array(array.buffer.slice(0));
}

const storage0 = Float32Array.from({ length: 12 }, (_, i) => i + 0.5);
const halfValues = [1.5, -2.25, 65504];

function handWritten(): Uint8Array {
  const p = new Pickle().op(0x80, 4).op(0x95, ...new Array(8).fill(0)); // PROTO 4, FRAME
  p.stackGlobal('collections', 'OrderedDict').op(0x29).op(0x52).op(0x94); // OrderedDict(), MEMOIZE
  p.op(0x28); // MARK
  p.str('transposed').tensor('FloatStorage', '0', 12, 0, [3, 4], [1, 3]);
  p.str('offset').tensor('FloatStorage', '0', 12, 2, [5], [1]);
  p.str('half').tensor('HalfStorage', '1', 3, 0, [3], [1]);
  p.str('bf16').tensor('BFloat16Storage', '2', 3, 1, [2], [1]);
  p.str('position_ids').tensor('LongStorage', '3', 4, 0, [1, 4], [4, 1]);
  p.op(0x75); // SETITEMS
  p.op(0x7d).op(0x62); // {} BUILD (the _metadata state)
  p.op(0x2e); // STOP
  return zip([
    ['archive/data.pkl', p.bytes()],
    ['archive/byteorder', enc.encode('little')],
    ['archive/data/0', bytesOf(storage0)],
    ['archive/data/1', bytesOf(Uint16Array.from(halfValues.map(float32ToFloat16)))],
    ['archive/data/2', bytesOf(Uint16Array.from(halfValues.map(float32ToBfloat16)))],
    ['archive/data/3', bytesOf(BigInt64Array.from([0n, 1n, 2n, 3n]))],
  ]);
}

describe('archives torch.save could write', () => {
  it('honours strides and storage offsets, and keeps half floats as their bits', () => {
    const tensors = parsePytorchBin(handWritten());
    const floats = (name: string) => Array.from(new Float32Array(tensors.get(name)!.bytes.slice().buffer));
    // A transposed view: element [i][j] is storage[i + 3j].
    expect(floats('transposed')).toEqual([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11].map((k) => storage0[k]));
    expect(floats('offset')).toEqual([2.5, 3.5, 4.5, 5.5, 6.5]);
    expect(tensors.get('half')).toMatchObject({ dtype: 'F16', shape: [3] });
    expect(Array.from(new Uint16Array(tensors.get('half')!.bytes.slice().buffer))).toEqual(halfValues.map(float32ToFloat16));
    expect(Array.from(new Uint16Array(tensors.get('bf16')!.bytes.slice().buffer))).toEqual(halfValues.slice(1).map(float32ToBfloat16));
    expect(tensors.get('position_ids')).toMatchObject({ dtype: 'I64', shape: [1, 4] });
  });

  it('converts to safetensors with float dtypes kept and integer buffers left out', () => {
    const file = parseSafetensors(pytorchBinToSafetensors(handWritten())).tensors;
    expect([...file.keys()].sort()).toEqual(['bf16', 'half', 'offset', 'transposed']);
    expect(file.get('half')!.dtype).toBe('F16');
  });

  it('inflates deflated entries on Node, and refuses them without an inflater', () => {
    // Protocol 2 with EMPTY_DICT, as torch.save writes it, but deflated as `zip -r` would.
    const p = new Pickle().op(0x80, 2).op(0x7d).op(0x28).str('w').tensor('FloatStorage', '0', 12, 0, [12], [1]).op(0x75).op(0x2e);
    const deflated = zip([['m/data.pkl', p.bytes()], ['m/data/0', bytesOf(storage0)]], true);
    expect(() => pytorchBinToSafetensors(deflated)).toThrow('deflate-compressed');
    const file = parseSafetensors(pytorchBinToSafetensorsNode(deflated)).tensors;
    expect(Array.from(new Float32Array(file.get('w')!.bytes.slice().buffer))).toEqual(Array.from(storage0));
  });

  it('refuses calls outside the allowlist, the legacy format and damaged archives, saying why', () => {
    const hostile = new Pickle().op(0x80, 2).global('os', 'system').str('echo hi').op(0x85).op(0x52).op(0x2e);
    expect(() => parsePytorchBin(zip([['x/data.pkl', hostile.bytes()]]))).toThrow('the checkpoint calls os.system, which a weights file has no business calling; refused');
    expect(() => parsePytorchBin(Uint8Array.from([0x80, 0x02, 0x8a, 0x0a]))).toThrow('legacy tar/pickle format');
    const truncated = handWritten().subarray(0, 200);
    expect(() => parsePytorchBin(truncated)).toThrow(/zip|truncated/);
    const noStorage = new Pickle().op(0x80, 2).op(0x7d).op(0x28).str('w').tensor('FloatStorage', '9', 1, 0, [1], [1]).op(0x75).op(0x2e);
    expect(() => parsePytorchBin(zip([['x/data.pkl', noStorage.bytes()]]))).toThrow('storage 9 is missing from the archive');
  });
});
