// The buffer pool's choice of buffer, without the backend: what a training loop with
// dynamic padding asks for (each batch's shapes a little shorter or longer than the last).
import { describe, expect, it } from 'vitest';
import { BufferPool, sizeClass } from './buffer-pool';

/** A buffer as the backend uses one: allocated, stored under a data id, released when its tensor goes. */
function storedAndReleased(pool: BufferPool, length: number): ArrayBufferLike {
  const values = pool.allocate(length);
  pool.noteStored(values);
  pool.release(values);
  return values.buffer;
}

function taken(pool: BufferPool, length: number): Float32Array {
  const values = pool.allocate(length);
  pool.noteStored(values);
  return values;
}

describe('BufferPool', () => {
  it('gives an output a view of its exact length over a buffer of its size class', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30 });
    const values = pool.allocate(5000);
    expect(values.length).toBe(5000);
    expect(values.buffer.byteLength).toBe(4 * sizeClass(5000));
  });

  it('reuses a larger pooled buffer, up to twice the length, when the size class has none (a shorter batch after a longer one)', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30 });
    const longer = storedAndReleased(pool, 40 * 768);
    const shorter = taken(pool, 33 * 768);
    expect(shorter.buffer).toBe(longer);
    expect(shorter.length).toBe(33 * 768);
    expect(pool.stats()).toMatchObject({ reused: 1, allocated: 1, pooledBytes: 0 });
  });

  it('takes the smallest buffer that fits', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30 });
    const [big, fitting] = [taken(pool, 9000), taken(pool, 6000)];
    pool.release(big);
    pool.release(fitting);
    expect(taken(pool, 5000).buffer).toBe(fitting.buffer);
    expect(taken(pool, 5000).buffer).toBe(big.buffer);
  });

  it('allocates rather than hand out a buffer more than twice the length', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30 });
    const big = storedAndReleased(pool, 20_000);
    expect(taken(pool, 9000).buffer).not.toBe(big);
    expect(pool.stats().pooledBytes).toBe(4 * sizeClass(20_000));
  });

  it('gives a released view back whole: the next output may use all of the buffer', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30 });
    const buffer = storedAndReleased(pool, 40 * 768);
    const shorter = taken(pool, 33 * 768);
    pool.release(shorter);
    const full = taken(pool, 40 * 768);
    expect(full.buffer).toBe(buffer);
    expect(full.length).toBe(40 * 768);
  });

  it('keeps small arrays at their exact size, never reusing a larger one', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30 });
    const small = storedAndReleased(pool, 1000);
    expect(taken(pool, 900).buffer).not.toBe(small);
    expect(taken(pool, 1000).buffer).toBe(small);
  });

  it('a longer batch replaces the buffers a shorter one left, instead of adding to them', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30, free: () => {} });
    storedAndReleased(pool, 33 * 768); // step 1's tensor
    pool.endStep();
    taken(pool, 44 * 768); // the same tensor in a longer batch: no pooled buffer fits
    expect(pool.stats()).toMatchObject({ pooledBytes: 0, freed: 4 * sizeClass(33 * 768) });
  });

  it('so does a batch less than half as long (the longer one\'s buffers are too big to hand out)', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30, free: () => {} });
    storedAndReleased(pool, 60 * 768);
    pool.endStep();
    taken(pool, 20 * 768);
    expect(pool.stats()).toMatchObject({ pooledBytes: 0, freed: 4 * sizeClass(60 * 768) });
  });

  it('drops one buffer for each it allocates, the one closest in size, and none far from it', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30, free: () => {} });
    const held = [taken(pool, 3000), taken(pool, 30_000), taken(pool, 36_000), taken(pool, 300_000)];
    for (const values of held) pool.release(values);
    pool.endStep();
    taken(pool, 40_000);
    expect(pool.stats()).toMatchObject({ freed: 4 * sizeClass(36_000), pooledBytes: 4 * (sizeClass(3000) + sizeClass(30_000) + sizeClass(300_000)) });
    taken(pool, 1_500_000); // over four times the largest: nothing pooled is its predecessor
    expect(pool.stats().freed).toBe(4 * sizeClass(36_000));
  });

  it('keeps what this step released: the next step of the same shapes reuses it', () => {
    const pool = new BufferPool({ maxPooledBytes: 2 ** 30, free: () => {} });
    storedAndReleased(pool, 33 * 768);
    taken(pool, 44 * 768);
    expect(pool.stats()).toMatchObject({ freed: 0, pooledBytes: 4 * sizeClass(33 * 768) });
  });
});
