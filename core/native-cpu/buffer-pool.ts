// Output buffers recycled by length, like PyTorch's caching allocator. A fresh
// Float32Array costs far more than the kernel that fills it (the memory comes zeroed from
// mmap, one page fault per 4 KB): 64 ms for BERT-Base's 94 MB embedding-sized arrays,
// against 4 ms to write them, and AdamW writes about a dozen per step. A training step
// allocates the same shapes every time, so after the first step most outputs reuse a
// buffer that an earlier tensor of the same size released.
//
// A buffer is reused only when no one else can see it:
//  - the backend stored it whole under exactly one data id ("stored"); a view of it
//    stored anywhere (the cpu backend's Slice returns subarrays) marks it "shared", never
//    recycled;
//  - reads hand out copies of stored buffers (see `readable`), so a `dataSync()` result
//    never changes under its holder.
//
// Memory the pool does not keep is garbage until V8 collects it, and V8 collects array
// buffers lazily: BERT-Base training left 5 GB of dead buffers behind at its peak. The
// pool counts what it drops and asks for a collection (`collect`) every `collectEvery`
// bytes, which bounds the dead memory to that.

type BufferState = 'loose' | 'stored' | 'shared';

export interface BufferPoolOptions {
  /**
   * The pool's size: beyond it, the least recently released buffers are dropped. Whatever
   * it holds adds to the process's memory, so it is sized for one step's temporaries.
   */
  maxPooledBytes: number;
  /** A full garbage collection, when the platform offers one. */
  collect?: () => void;
  /** Dropped bytes between two collections (default 512 MB). */
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
}

export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  /** Every pooled buffer, least recently released first: what goes when the pool is full. */
  private readonly byAge = new Set<Float32Array>();
  private readonly states = new WeakMap<ArrayBufferLike, BufferState>();
  private readonly counts = { reused: 0, allocated: 0, collections: 0 };
  private pooledBytes = 0;
  private droppedBytes = 0;

  constructor(private readonly options: BufferPoolOptions) {}

  /** A buffer of `length` floats with arbitrary contents: the kernel must write every element. */
  allocate(length: number): Float32Array {
    const reused = this.free.get(length)?.pop();
    if (reused) {
      this.byAge.delete(reused);
      this.pooledBytes -= reused.byteLength;
      this.states.set(reused.buffer, 'loose');
      this.counts.reused++;
      return reused;
    }
    const fresh = new Float32Array(length);
    this.states.set(fresh.buffer, 'loose');
    this.counts.allocated++;
    return fresh;
  }

  /** The backend stored `values` under a data id. */
  noteStored(values: unknown): void {
    if (!ArrayBuffer.isView(values)) return;
    const state = this.states.get(values.buffer);
    if (state === undefined) return;
    const whole = values instanceof Float32Array && values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
    this.states.set(values.buffer, state === 'loose' && whole ? 'stored' : 'shared');
  }

  /** The backend deleted the data that held `values`: recycle it if nothing else can see it. */
  release(values: unknown): void {
    if (!ArrayBuffer.isView(values)) return;
    if (!(values instanceof Float32Array) || this.states.get(values.buffer) !== 'stored' || values.byteLength > this.options.maxPooledBytes) {
      this.dropped(values.byteLength);
      return;
    }
    this.states.delete(values.buffer);
    let list = this.free.get(values.length);
    if (!list) this.free.set(values.length, (list = []));
    list.push(values);
    this.byAge.add(values);
    this.pooledBytes += values.byteLength;
    for (const oldest of this.byAge) {
      if (this.pooledBytes <= this.options.maxPooledBytes) break;
      this.evict(oldest);
    }
  }

  /** What a read may hand out: a copy of a recyclable buffer, anything else as it is. */
  readable<T>(values: T): T {
    if (values instanceof Float32Array && this.states.get(values.buffer) === 'stored') return values.slice() as T;
    return values;
  }

  /** Drops every pooled buffer. */
  clear(): void {
    this.dropped(this.pooledBytes);
    this.free.clear();
    this.byAge.clear();
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
    this.pooledBytes -= buffer.byteLength;
    this.dropped(buffer.byteLength);
  }

  private dropped(bytes: number): void {
    this.droppedBytes += bytes;
    if (!this.options.collect || this.droppedBytes < (this.options.collectEvery ?? 512 * 2 ** 20)) return;
    this.droppedBytes = 0;
    this.counts.collections++;
    this.options.collect();
  }
}
