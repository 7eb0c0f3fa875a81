import { describe, expect, it } from 'vitest';
import type { MetricsRow } from '../../../electron/contract';
import { appendMetrics, evalMetricKeys, finalEvalMetrics, lastValue, mergeSeries, seriesOf } from './metrics';

describe('appendMetrics', () => {
  const history = [
    { step: 1, epoch: 0.1, loss: 0.9 },
    { step: 2, epoch: 0.2, loss: 0.8 },
    { step: 2, epoch: 0.2, eval_loss: 0.7 },
  ];

  it('drops rows the history already has, keeps a train and an eval row at the same step apart', () => {
    const out = appendMetrics(history, [
      { step: 2, epoch: 0.2, eval_loss: 0.7 },
      { step: 3, epoch: 0.3, loss: 0.6 },
    ]);
    expect(out).toHaveLength(4);
    expect(out[3]).toEqual({ step: 3, epoch: 0.3, loss: 0.6 });
  });

  it('the same keys in another order are the same row', () => {
    expect(appendMetrics(history, [{ loss: 0.8, epoch: 0.2, step: 2 }])).toBe(history);
  });

  it('keeps step order when a late row arrives', () => {
    const out = appendMetrics([{ step: 5, epoch: 1, loss: 1 }], [{ step: 4, epoch: 1, loss: 2 }]);
    expect(out.map((r) => r.step)).toEqual([4, 5]);
  });
});

describe('series helpers', () => {
  const rows = [
    { step: 1, epoch: 0.5, elapsed_s: 2, loss: 1, learning_rate: 1e-5 },
    { step: 2, epoch: 1, elapsed_s: 4, loss: 0.5 },
    { step: 2, epoch: 1, eval_loss: 0.6, eval_accuracy: 0.7, eval_runtime: 3 },
  ];

  it('seriesOf picks a metric against an x axis', () => {
    expect(seriesOf(rows, 'loss')).toEqual([{ x: 1, y: 1 }, { x: 2, y: 0.5 }]);
    expect(seriesOf(rows, 'loss', 'elapsed_s')).toEqual([{ x: 2, y: 1 }, { x: 4, y: 0.5 }]);
    expect(seriesOf(rows, 'eval_loss', 'elapsed_s')).toEqual([]);
  });

  it('seriesOf keeps the later row of a step logged twice (a resumed run)', () => {
    const resumed = [
      { step: 1, epoch: 0, elapsed_s: 1, loss: 3 },
      { step: 2, epoch: 0, elapsed_s: 2, loss: 2 },
      { step: 2, epoch: 0, elapsed_s: 9, loss: 2.5 },
      { step: 3, epoch: 0, elapsed_s: 10, loss: 1 },
    ];
    expect(seriesOf(resumed, 'loss')).toEqual([{ x: 1, y: 3 }, { x: 2, y: 2.5 }, { x: 3, y: 1 }]);
    expect(seriesOf(resumed, 'loss', 'elapsed_s').map((p) => p.x)).toEqual([1, 9, 10]);
  });

  it('evalMetricKeys lists eval_loss first', () => {
    expect(evalMetricKeys(rows)).toEqual(['eval_loss', 'eval_accuracy', 'eval_runtime']);
  });

  it('finalEvalMetrics prefers the recorded final metrics and leaves out timings', () => {
    expect(finalEvalMetrics(undefined, rows)).toEqual({ eval_loss: 0.6, eval_accuracy: 0.7 });
    expect(finalEvalMetrics({ eval_f1: 0.9, eval_runtime: 2 }, rows)).toEqual({ eval_f1: 0.9 });
  });

  it('lastValue finds the latest value', () => {
    expect(lastValue(rows, 'loss')).toBe(0.5);
    expect(lastValue(rows, 'grad_norm')).toBeUndefined();
  });
});

describe('seriesOf on a live history', () => {
  const history = (n: number): MetricsRow[] => Array.from({ length: n }, (_, i) => ({ step: i + 1, epoch: 0, loss: 1 / (i + 1) }));

  it('gives the points of a history built by appends equal to those of the whole history, and the same array when asked again', () => {
    let live: MetricsRow[] = [];
    for (let step = 1; step <= 50; step += 5) {
      live = appendMetrics(live, history(step + 4).slice(step - 1));
      const points = seriesOf(live, 'loss');
      expect(points).toEqual(seriesOf([...live], 'loss'));
      expect(seriesOf(live, 'loss')).toBe(points);
    }
    expect(seriesOf(live, 'loss')).toHaveLength(50);
  });

  it('lets a later row of the last step win, as for a whole history', () => {
    const first = appendMetrics([], [{ step: 1, epoch: 0, loss: 2 }]);
    seriesOf(first, 'loss');
    const second = appendMetrics(first, [{ step: 1, epoch: 0, loss: 1 }]);
    expect(seriesOf(second, 'loss')).toEqual([{ x: 1, y: 1 }]);
    expect(seriesOf(first, 'loss')).toEqual([{ x: 1, y: 2 }]); // the earlier history is left as it was
  });

  it('re-sorts a history that a resume sent back in steps', () => {
    const ahead = appendMetrics([], history(5));
    seriesOf(ahead, 'loss');
    const replayed = appendMetrics(ahead, [{ step: 3, epoch: 0, loss: 9 }]);
    expect(seriesOf(replayed, 'loss').map((p) => p.y)).toEqual([1, 0.5, 9, 0.25, 0.2]);
  });
});

describe('mergeSeries', () => {
  it('puts the series on one x axis', () => {
    expect(mergeSeries([[{ x: 1, y: 10 }, { x: 3, y: 30 }], [{ x: 1, y: 5 }, { x: 2, y: 6 }]])).toEqual([
      { x: 1, s0: 10, s1: 5 },
      { x: 2, s1: 6 },
      { x: 3, s0: 30 },
    ]);
  });
});
