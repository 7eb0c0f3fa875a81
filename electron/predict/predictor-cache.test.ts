// The playground's cache of loaded models: a model in use is never disposed under a
// running prediction, whether it is evicted or its run deleted meanwhile.
import { describe, expect, it } from 'vitest';
import { PredictorCache } from './predictor-cache';

class FakePredictor {
  disposed = false;
  constructor(readonly dir: string) {}
  dispose(): void {
    this.disposed = true;
  }
}

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PredictorCache', () => {
  it('loads a run once and keeps the latest `capacity` runs loaded', async () => {
    const loads: string[] = [];
    const cache = new PredictorCache(async (dir) => (loads.push(dir), new FakePredictor(dir)), 2);
    const a1 = await cache.use('a', '/a', async (p) => p);
    const a2 = await cache.use('a', '/a', async (p) => p);
    expect(a1).toBe(a2);
    await cache.use('b', '/b', async (p) => p);
    await cache.use('c', '/c', async (p) => p);
    await settle();
    expect(loads).toEqual(['/a', '/b', '/c']);
    expect(a1.disposed).toBe(true); // the least recently used went
    expect(cache.size).toBe(2);
  });

  it('never disposes a predictor that a prediction still uses when it is evicted', async () => {
    const cache = new PredictorCache(async (dir) => new FakePredictor(dir), 1);
    const slow = deferred();
    let used: FakePredictor | undefined;
    const running = cache.use('a', '/a', async (p) => {
      used = p;
      await slow.done;
      return p.disposed; // what the prediction sees while it runs
    });
    await settle();
    await cache.use('b', '/b', async () => undefined); // evicts "a" while it is in use
    await settle();
    expect(used?.disposed).toBe(false);
    slow.release();
    expect(await running).toBe(false);
    await settle();
    expect(used?.disposed).toBe(true); // disposed once the prediction ended
  });

  it('defers the disposal of a deleted run’s predictor until its predictions end, and loads afresh after', async () => {
    const loaded: FakePredictor[] = [];
    const cache = new PredictorCache(async (dir) => {
      const p = new FakePredictor(dir);
      loaded.push(p);
      return p;
    });
    const slow = deferred();
    const first = cache.use('a', '/a', async (p) => {
      await slow.done;
      return p.disposed;
    });
    const second = cache.use('a', '/a', async (p) => {
      await slow.done;
      return p.disposed;
    });
    await settle();
    cache.drop('a');
    await settle();
    expect(loaded[0]?.disposed).toBe(false);
    slow.release();
    expect(await Promise.all([first, second])).toEqual([false, false]);
    await settle();
    expect(loaded[0]?.disposed).toBe(true);
    await cache.use('a', '/a', async () => undefined);
    expect(loaded).toHaveLength(2);
  });

  it('forgets a model that failed to load, so the next call tries again', async () => {
    let attempts = 0;
    const cache = new PredictorCache(async (dir) => {
      attempts += 1;
      if (attempts === 1) throw new Error('no model.safetensors');
      return new FakePredictor(dir);
    });
    await expect(cache.use('a', '/a', async (p) => p)).rejects.toThrow('no model.safetensors');
    await settle();
    expect((await cache.use('a', '/a', async (p) => p)).dir).toBe('/a');
    expect(attempts).toBe(2);
  });
});
