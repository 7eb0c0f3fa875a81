// pytorch_model.bin as torch.save writes it (PyTorch >= 1.6): a zip archive holding
// `<name>/data.pkl`, a pickle of the state dict in which every tensor is
// torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …) and every storage a
// persistent id ('storage', torch.FloatStorage, key, location, numel) whose bytes are the
// entry `<name>/data/<key>`. Read here into the same entries safetensors has, so the rest
// of the loader is shared.
import { CheckpointError } from './hf-folder';
import { isZip, zipEntries, zipEntryData, type InflateRaw, type ZipEntry } from './pytorch-bin-zip';
import { unpickle, type PickleCallable, type PickleGlobal } from './pytorch-bin-pickle';
import { decodeFloat32, serializeSafetensors, type SafetensorsEntry, type TensorToWrite } from './safetensors';

export const PYTORCH_WEIGHTS_FILE = 'pytorch_model.bin';

/** torch's storage classes -> the safetensors dtype of their elements and its size. */
const STORAGE_TYPES: Record<string, { dtype: string; bytes: number }> = {
  FloatStorage: { dtype: 'F32', bytes: 4 },
  HalfStorage: { dtype: 'F16', bytes: 2 },
  BFloat16Storage: { dtype: 'BF16', bytes: 2 },
  DoubleStorage: { dtype: 'F64', bytes: 8 },
  LongStorage: { dtype: 'I64', bytes: 8 },
  IntStorage: { dtype: 'I32', bytes: 4 },
  ShortStorage: { dtype: 'I16', bytes: 2 },
  CharStorage: { dtype: 'I8', bytes: 1 },
  ByteStorage: { dtype: 'U8', bytes: 1 },
  BoolStorage: { dtype: 'BOOL', bytes: 1 },
};

interface StorageRef {
  kind: 'storage';
  dtype: string;
  itemBytes: number;
  key: string;
}

interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  offset: number;
  shape: number[];
  stride: number[];
}

export interface PytorchBinOptions {
  /** Inflates deflated zip entries (archives re-zipped by other tools); without it they are refused. */
  inflateRaw?: InflateRaw;
}

function fail(message: string): never {
  throw new CheckpointError(`pytorch_model.bin: ${message}`);
}

function rebuildTensor(args: unknown[]): TensorRef {
  const [storage, offset, shape, stride] = args as [StorageRef, number, number[], number[]];
  if (storage?.kind !== 'storage') fail('a tensor is rebuilt from something that is not a storage');
  if (!Array.isArray(shape) || !Array.isArray(stride) || shape.length !== stride.length) fail('a tensor has a malformed size or stride');
  return { kind: 'tensor', storage, offset: Number(offset), shape: shape.map(Number), stride: stride.map(Number) };
}

/** The functions a state dict may call: tensor and parameter rebuilding, OrderedDict. */
const CALLABLES: Record<string, PickleCallable> = {
  'torch._utils._rebuild_tensor_v2': rebuildTensor,
  'torch._utils._rebuild_tensor': rebuildTensor,
  'torch._utils._rebuild_parameter': (args) => args[0],
  'torch._utils._rebuild_parameter_with_state': (args) => args[0],
  'collections.OrderedDict': (args) => new Map((args[0] as [unknown, unknown][] | undefined) ?? []),
};

/** The tensors of a pytorch_model.bin under their state-dict names, each contiguous little-endian bytes. */
export function parsePytorchBin(file: Uint8Array, options: PytorchBinOptions = {}): Map<string, SafetensorsEntry> {
  // A plain Uint8Array view: a Node Buffer's slice() shares memory instead of copying.
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  if (!isZip(bytes)) {
    fail('not a zip archive; checkpoints saved by PyTorch before 1.6 (the legacy tar/pickle format) are not supported: re-save it with a recent torch.save or as safetensors');
  }
  const entries = zipEntries(bytes);
  const pickleName = [...entries.keys()].find((name) => /^[^/]+\/data\.pkl$/.test(name)) ?? fail('the archive has no <name>/data.pkl');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const read = (entry: ZipEntry) => zipEntryData(bytes, entry, options.inflateRaw);
  const byteOrder = entries.get(`${prefix}byteorder`);
  const bigEndian = byteOrder !== undefined && new TextDecoder().decode(read(byteOrder)).trim() === 'big';

  const root = unpickle(read(entries.get(pickleName)!), {
    callables: CALLABLES,
    persistentLoad(pid): StorageRef {
      const [tag, type, key] = pid as [unknown, PickleGlobal | undefined, unknown];
      if (tag !== 'storage' || type?.kind !== 'global') fail(`unknown persistent id ${JSON.stringify(tag)}`);
      const storageType = STORAGE_TYPES[type.name];
      if (type.module !== 'torch' || !storageType) fail(`storage type ${type.module}.${type.name} is not supported`);
      return { kind: 'storage', dtype: storageType.dtype, itemBytes: storageType.bytes, key: String(key) };
    },
  });

  const storages = new Map<string, Uint8Array>();
  const storageBytes = (ref: StorageRef) => {
    let data = storages.get(ref.key);
    if (!data) {
      const entry = entries.get(`${prefix}data/${ref.key}`) ?? fail(`storage ${ref.key} is missing from the archive`);
      data = read(entry);
      storages.set(ref.key, data);
    }
    return data;
  };

  const tensors = new Map<string, SafetensorsEntry>();
  for (const [name, value] of stateDictOf(root)) {
    if (typeof name !== 'string' || (value as TensorRef | undefined)?.kind !== 'tensor') continue;
    const tensor = value as TensorRef;
    tensors.set(name, { dtype: tensor.storage.dtype, shape: tensor.shape, bytes: contiguousBytes(name, tensor, storageBytes(tensor.storage), bigEndian) });
  }
  return tensors;
}

/** The state dict itself, also when it is wrapped ({'state_dict': …} or {'model': …}). */
function stateDictOf(root: unknown): Map<unknown, unknown> {
  if (!(root instanceof Map)) fail('data.pkl does not hold a dict of tensors');
  for (const key of ['state_dict', 'model']) {
    const inner = root.get(key);
    if (inner instanceof Map) return inner;
  }
  return root;
}

/** The tensor's elements in row-major order, honouring its storage offset and strides. */
function contiguousBytes(name: string, tensor: TensorRef, storage: Uint8Array, bigEndian: boolean): Uint8Array {
  const { shape, stride, offset } = tensor;
  const item = tensor.storage.itemBytes;
  const count = shape.reduce((a, b) => a * b, 1);
  if (count === 0) return new Uint8Array(0);
  let last = offset;
  shape.forEach((d, i) => (last += (d - 1) * stride[i]!));
  if (offset < 0 || (last + 1) * item > storage.byteLength) fail(`${name} reaches past the end of its storage`);

  let rowMajor = true;
  for (let i = shape.length - 1, expected = 1; i >= 0; i--) {
    if (shape[i]! !== 1 && stride[i] !== expected) rowMajor = false;
    expected *= shape[i]!;
  }
  let out: Uint8Array;
  if (rowMajor) {
    out = storage.slice(offset * item, (offset + count) * item);
  } else {
    out = new Uint8Array(count * item);
    const index = new Array<number>(shape.length).fill(0);
    for (let n = 0; n < count; n++) {
      let at = offset;
      for (let i = 0; i < shape.length; i++) at += index[i]! * stride[i]!;
      out.set(storage.subarray(at * item, (at + 1) * item), n * item);
      for (let i = shape.length - 1; i >= 0 && ++index[i]! === shape[i]; i--) index[i] = 0;
    }
  }
  if (bigEndian && item > 1) for (let i = 0; i < out.length; i += item) out.subarray(i, i + item).reverse();
  return out;
}

/**
 * The state dict as safetensors bytes (what the Hugging Face loader reads): float tensors
 * keep their dtype and bits (F64 becomes F32); integer buffers such as position_ids, which
 * no BERT parameter is, are left out.
 */
export function pytorchBinToSafetensors(bytes: Uint8Array, options: PytorchBinOptions = {}): Uint8Array {
  const tensors = new Map<string, TensorToWrite>();
  for (const [name, entry] of parsePytorchBin(bytes, options)) {
    if (entry.dtype === 'F32' || entry.dtype === 'F64') {
      tensors.set(name, { dtype: 'F32', shape: entry.shape, data: decodeFloat32(name, entry) });
    } else if (entry.dtype === 'F16' || entry.dtype === 'BF16') {
      tensors.set(name, { dtype: entry.dtype, shape: entry.shape, data: new Uint16Array(entry.bytes.slice().buffer) });
    }
  }
  return serializeSafetensors(tensors);
}
