// Output buffers recycled by length, like PyTorch's caching allocator. A fresh
// Float32Array costs far more than the kernel that fills it (the memory comes zeroed from
// mmap, one page fault per 4 KB): 64 ms for BERT-Base's 94 MB embedding-sized arrays,
// against 4 ms to write them, and AdamW writes about a dozen per step. A training step
// allocates the same shapes every time, so after the first step most outputs reuse a
// buffer that an earlier tensor of the same size released.
//
// Sizes are rounded up to classes (eight per power of two, at most 12.5% more), and an
// output gets a view of its exact length over a class-sized buffer: a training loop whose
// sequence length changes every batch (dynamic padding) would otherwise fill the pool with
// buffers of lengths it never asks for again (bert-mini on SST-2 held 3.6 GB that way).
// When its own class has no buffer, an output takes the smallest pooled one up to twice
// its size: with dynamic padding a batch shorter than the one before finds no buffer of
// its own classes, and without this it allocated ~500 fresh buffers a step (bert-base on
// SST-2, ~1 GB of page faults) while the longer batch's buffers sat unused beside them.
// What must still be allocated fresh replaces buffers of the last batch (`evictStale`).
//
// A buffer is reused only when no one else can see it:
//  - the backend stored the view it got from the pool under exactly one data id
//    ("stored"); any other view of the buffer stored anywhere (the cpu backend's Slice
//    returns subarrays) marks it "shared", never recycled;
//  - reads hand out copies of stored buffers (see `readable`), so a `dataSync()` result
//    never changes under its holder.
//
// Shapes that change from batch to batch still leave buffers behind that the next steps
// never ask for; `endStep` (the trainer calls it after every update) drops every buffer
// that sat in the pool through a whole step unused, so the pool holds about one step's
// temporaries, whatever the shapes did before.
//
// Memory the pool does not keep is garbage until V8 collects it, and V8 collects array
// buffers lazily: BERT-Base training left 5 GB of dead buffers behind at its peak. A
// buffer the pool owns alone (one it evicts) is detached instead (`free`), which returns
// its memory at once; for the rest the pool counts what it drops and asks for a
// collection (`collect`) every `collectEvery` bytes, which bounds the dead memory to that.

type BufferState = 'loose' | 'stored' | 'shared';

export interface BufferPoolOptions {
  /**
   * The pool's size: beyond it, the least recently released buffers are dropped. Whatever
   * it holds adds to the process's memory, so it is sized for one step's temporaries.
   */
  maxPooledBytes: number;
  /** A full garbage collection, when the platform offers one. */
  collect?: () => void;
  /** Frees a buffer nothing else can see, at once (the addon's detach). */
  free?: (buffer: ArrayBufferLike) => void;
  /** Dropped bytes between two collections (default 256 MB): the most dead memory there can be. */
  collectEvery?: number;
}

export interface BufferPoolStats {
  /** Bytes waiting in the pool for reuse. */
  pooledBytes: number;
  /** Outputs that got a recycled buffer, and those that needed a fresh one. */
  reused: number;
  allocated: number;
  /** Collections the pool asked for. */
  collections: number;
  /** Bytes freed at once by detaching buffers the pool owned alone. */
  freed: number;
}

/** Below this many floats a buffer is its exact size: small arrays are cheap, and classes would waste more. */
const SMALLEST_CLASS = 1024;
/** Classes per power of two. */
const CLASS_STEPS = 8;
/** The largest buffer an output may take from another class, as a multiple of its length. */
const MAX_REUSE_SLACK = 2;
/** How far in size a buffer that a miss drops may be from the one allocated (either way). */
const STALE_SIZE_RATIO = 4;

/** The capacity a buffer of `length` floats comes from: the next of eight steps per power of two. */
export function sizeClass(length: number): number {
  if (length <= SMALLEST_CLASS) return length;
  const power = 2 ** Math.floor(Math.log2(length));
  const step = power / CLASS_STEPS;
  return Math.ceil(length / step) * step;
}

export class BufferPool {
  /** Whole-capacity arrays by capacity. */
  private readonly free = new Map<number, Float32Array[]>();
  /** Every pooled buffer, least recently released first: what goes when the pool is full. */
  private readonly byAge = new Set<Float32Array>();
  private readonly states = new WeakMap<ArrayBufferLike, BufferState>();
  /** The view of each buffer that the pool handed out: the only one the pool takes back. */
  private readonly handedOut = new WeakMap<ArrayBufferLike, Float32Array>();
  /** The step during which each pooled buffer was released. */
  private readonly releasedIn = new Map<Float32Array, number>();
  private step = 0;
  private readonly counts = { reused: 0, allocated: 0, collections: 0, freed: 0 };
  private pooledBytes = 0;
  private droppedBytes = 0;

  constructor(private readonly options: BufferPoolOptions) {}

  /** A buffer of `length` floats with arbitrary contents: the kernel must write every element. */
  allocate(length: number): Float32Array {
    let whole = this.smallestFree(length);
    if (whole) {
      this.byAge.delete(whole);
      this.releasedIn.delete(whole);
      this.pooledBytes -= whole.byteLength;
      this.counts.reused++;
    } else {
      this.evictStale(length);
      whole = new Float32Array(sizeClass(length));
      this.counts.allocated++;
    }
    const view = whole.length === length ? whole : whole.subarray(0, length);
    this.states.set(view.buffer, 'loose');
    this.handedOut.set(view.buffer, view);
    return view;
  }

  /** A pooled buffer for `length` floats: of its own class, else of the next classes up to MAX_REUSE_SLACK times the length. */
  private smallestFree(length: number): Float32Array | undefined {
    for (let capacity = sizeClass(length); capacity <= length * MAX_REUSE_SLACK; capacity = sizeClass(capacity + 1)) {
      const whole = this.free.get(capacity)?.pop();
      if (whole) {
        if (this.free.get(capacity)!.length === 0) this.free.delete(capacity);
        return whole;
      }
      if (length <= SMALLEST_CLASS) return undefined; // exact sizes below the classes: no other fits
    }
    return undefined;
  }

  /**
   * A miss: `length` floats that no pooled buffer can serve, because this batch is longer
   * than the last one (or less than half as long). The buffer the same tensor had then
   * will not be asked for again before a batch of that length comes back: of the buffers
   * released before this step, the one closest to this size (a tensor's predecessor
   * differs from it only by the batch length; up to STALE_SIZE_RATIO apart) goes now, so
   * that a batch of another length replaces the buffers of the last one instead of adding
   * to them. bert-base on SST-2 held 1.1 GB more at its first longer batch and 0.5 GB more
   * at its first much shorter one without this.
   */
  private evictStale(length: number): void {
    if (length <= SMALLEST_CLASS) return;
    let closest: Float32Array | undefined;
    let distance = Math.log(STALE_SIZE_RATIO);
    for (const [capacity, list] of this.free) {
      const oldest = list[0]!; // lists are in release order: when the oldest is of this step, all are
      const d = Math.abs(Math.log(capacity / length));
      if (d <= distance && this.releasedIn.get(oldest)! < this.step) [closest, distance] = [oldest, d];
    }
    if (closest) this.evict(closest);
  }

  /** The backend stored `values` under a data id. */
  noteStored(values: unknown): void {
    if (!ArrayBuffer.isView(values)) return;
    const state = this.states.get(values.buffer);
    if (state === undefined) return;
    const asHandedOut = this.handedOut.get(values.buffer) === values;
    this.states.set(values.buffer, state === 'loose' && asHandedOut ? 'stored' : 'shared');
  }

  /** Whether `values` is a pool buffer stored under one data id and seen by nothing else. */
  isExclusive(values: Float32Array): boolean {
    return this.states.get(values.buffer) === 'stored' && this.handedOut.get(values.buffer) === values;
  }

  /** The backend deleted the data that held `values`: recycle it if nothing else can see it. */
  release(values: unknown): void {
    if (!ArrayBuffer.isView(values)) return;
    const buffer = values.buffer;
    if (!(values instanceof Float32Array) || !this.isExclusive(values)) {
      this.dropped(values.byteLength);
      return;
    }
    if (buffer.byteLength > this.options.maxPooledBytes) {
      this.states.delete(buffer);
      this.handedOut.delete(buffer);
      this.discard(buffer);
      return;
    }
    this.states.delete(buffer);
    this.handedOut.delete(buffer);
    const whole = values.length * 4 === buffer.byteLength ? values : new Float32Array(buffer);
    let list = this.free.get(whole.length);
    if (!list) this.free.set(whole.length, (list = []));
    list.push(whole);
    this.byAge.add(whole);
    this.releasedIn.set(whole, this.step);
    this.pooledBytes += whole.byteLength;
    for (const oldest of this.byAge) {
      if (this.pooledBytes <= this.options.maxPooledBytes) break;
      this.evict(oldest);
    }
  }

  /** A training step ended: drops the buffers that were pooled before it and not reused during it. */
  endStep(): void {
    for (const buffer of this.byAge) {
      if ((this.releasedIn.get(buffer) ?? this.step) >= this.step) break; // oldest first: the rest are newer
      this.evict(buffer);
    }
    this.step++;
  }

  /** What a read may hand out: a copy of a recyclable buffer, anything else as it is. */
  readable<T>(values: T): T {
    if (values instanceof Float32Array && this.states.get(values.buffer) === 'stored') return values.slice() as T;
    return values;
  }

  /** Drops every pooled buffer. */
  clear(): void {
    for (const buffer of [...this.byAge]) this.evict(buffer);
    this.free.clear();
    this.byAge.clear();
    this.releasedIn.clear();
    this.pooledBytes = 0;
  }

  stats(): BufferPoolStats {
    return { pooledBytes: this.pooledBytes, ...this.counts };
  }

  private evict(buffer: Float32Array): void {
    const list = this.free.get(buffer.length)!;
    list.splice(list.indexOf(buffer), 1);
    if (list.length === 0) this.free.delete(buffer.length);
    this.byAge.delete(buffer);
    this.releasedIn.delete(buffer);
    this.pooledBytes -= buffer.byteLength;
    this.discard(buffer.buffer);
  }

  /** A buffer only the pool holds: freed now where the platform can, else left to the collector. */
  private discard(buffer: ArrayBufferLike): void {
    if (this.options.free) {
      this.counts.freed += buffer.byteLength;
      this.options.free(buffer);
    } else {
      this.dropped(buffer.byteLength);
    }
  }

  private dropped(bytes: number): void {
    this.droppedBytes += bytes;
    if (!this.options.collect || this.droppedBytes < (this.options.collectEvery ?? 256 * 2 ** 20)) return;
    this.droppedBytes = 0;
    this.counts.collections++;
    this.options.collect();
  }
}
