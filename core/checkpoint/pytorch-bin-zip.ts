// The zip container of torch.save (PyTorch >= 1.6): entries stored uncompressed and
// aligned so that storages can be viewed in place. Only what torch writes is read: the
// central directory (zip64 included, for checkpoints past 4 GB) and stored entries;
// deflated entries need an `inflateRaw` from the caller (node:zlib in pytorch-bin-node.ts).

export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  localHeaderOffset: number;
}

export type InflateRaw = (data: Uint8Array) => Uint8Array;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const U32_MAX = 0xffffffff;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function u64(view: DataView, offset: number): number {
  return Number(view.getBigUint64(offset, true));
}

/** The central directory: every entry with its sizes and where its data starts. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  // The end record is 22 bytes plus a comment of at most 65535.
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory record: the file is not a zip archive, or it is truncated');
  let count = view.getUint16(eocd + 10, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || directoryOffset === U32_MAX) && eocd >= 20 && view.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const record = u64(view, eocd - 20 + 8);
    if (view.getUint32(record, true) !== EOCD64) throw new ZipError('broken zip64 end of central directory record');
    count = u64(view, record + 32);
    directoryOffset = u64(view, record + 48);
  }

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let p = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.byteLength || view.getUint32(p, true) !== CENTRAL_HEADER) throw new ZipError(`central directory entry ${n} is damaged`);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // Zip64: the fields that overflowed 32 bits are in the extra field, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === ZIP64_EXTRA) {
        let q = e + 4;
        if (size === U32_MAX) (size = u64(view, q)), (q += 8);
        if (compressedSize === U32_MAX) (compressedSize = u64(view, q)), (q += 8);
        if (localHeaderOffset === U32_MAX) localHeaderOffset = u64(view, q);
      }
      e += 4 + length;
    }
    entries.set(name, { name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes: a view into `bytes` when stored, inflated when deflated and `inflateRaw` is given. */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry, inflateRaw?: InflateRaw): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) throw new ZipError(`${entry.name}: damaged local header`);
  // The local extra field may differ from the central one (torch pads it to align the data).
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new ZipError(`${entry.name}: runs past the end of the file (truncated download?)`);
  const raw = bytes.subarray(start, end);
  if (entry.method === 0) return raw;
  if (entry.method === 8) {
    if (!inflateRaw) throw new ZipError(`${entry.name} is deflate-compressed; torch.save writes uncompressed entries, so this archive was re-zipped by another tool`);
    const inflated = inflateRaw(raw);
    const data = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength); // not a Buffer: slice() must copy
    if (data.byteLength !== entry.size) throw new ZipError(`${entry.name}: inflated to ${data.byteLength} bytes, expected ${entry.size}`);
    return data;
  }
  throw new ZipError(`${entry.name} uses zip compression method ${entry.method}; only stored (0) and deflate (8) are read`);
}
