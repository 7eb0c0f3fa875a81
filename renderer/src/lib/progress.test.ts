import { describe, expect, it } from 'vitest';
import { runProgress } from './progress';

describe('runProgress', () => {
  it('estimates time left from the pace so far', () => {
    const p = runProgress({ status: 'running', progress: { step: 4, total_steps: 10, epoch: 0 } }, [{ step: 4, epoch: 0, elapsed_s: 8, loss: 1 }]);
    expect(p).toEqual({ step: 4, totalSteps: 10, fraction: 0.4, etaSeconds: 12 });
  });

  it("takes the run's estimate as the ETA until a step is timed", () => {
    const estimated = { status: 'running' as const, progress: { step: 0, total_steps: 10, epoch: 0 }, estimate: { seconds_per_step: 1.5, total_seconds: 15 } };
    expect(runProgress(estimated, [])!.etaSeconds).toBe(15);
    expect(runProgress(estimated, [{ step: 4, epoch: 0, elapsed_s: 8, loss: 1 }])!.etaSeconds).toBe(12); // measured pace wins
  });

  it('has no ETA before a timed step without an estimate, or once finished, and is full when completed', () => {
    expect(runProgress({ status: 'running', progress: { step: 0, total_steps: 10, epoch: 0 } }, [])!.etaSeconds).toBeUndefined();
    const done = runProgress({ status: 'completed', progress: { step: 10, total_steps: 10, epoch: 1 } }, [{ step: 10, epoch: 1, elapsed_s: 20 }]);
    expect(done!.fraction).toBe(1);
    expect(done!.etaSeconds).toBeUndefined();
  });

  it('is undefined when the total is not known yet', () => {
    expect(runProgress({ status: 'queued' }, [])).toBeUndefined();
  });
});
