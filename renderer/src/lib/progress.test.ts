import { describe, expect, it } from 'vitest';
import { phaseText, progressFromRows, runProgress, trainingSeconds } from './progress';

describe('runProgress', () => {
  it('estimates time left from the pace so far', () => {
    const p = runProgress({ status: 'running', progress: { step: 4, total_steps: 10, epoch: 0.4 } }, [{ step: 4, epoch: 0.4, elapsed_s: 8, loss: 1 }]);
    expect(p).toEqual({ step: 4, totalSteps: 10, epoch: 0.4, fraction: 0.4, etaSeconds: 12 });
  });

  it('takes step and epoch from the same, newest source', () => {
    // run.json was written at step 16; the live rows are at step 50.
    const p = runProgress({ status: 'running', progress: { step: 16, total_steps: 250, epoch: 0.16 } }, [{ step: 50, epoch: 0.5, loss: 1, eta_s: 30 }]);
    expect(p).toMatchObject({ step: 50, epoch: 0.5, etaSeconds: 30 });
    const older = runProgress({ status: 'running', progress: { step: 60, total_steps: 250, epoch: 0.6 } }, [{ step: 50, epoch: 0.5, loss: 1 }]);
    expect(older).toMatchObject({ step: 60, epoch: 0.6, etaSeconds: undefined });
  });

  it('knows the total from live rows before run.json has it', () => {
    expect(runProgress({ status: 'running' }, [{ step: 3, epoch: 0.1, total_steps: 30, loss: 2 }])).toMatchObject({ step: 3, totalSteps: 30 });
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

describe('the rest of the status line', () => {
  it('counts training time live while running', () => {
    expect(trainingSeconds({ status: 'running' }, [{ step: 5, epoch: 0, elapsed_s: 12.5 }])).toBe(12.5);
    expect(trainingSeconds({ status: 'completed', train_seconds: 30 }, [{ step: 5, epoch: 0, elapsed_s: 12.5 }])).toBe(30);
    expect(trainingSeconds({ status: 'queued' }, [])).toBeUndefined();
  });

  it('moves run.progress forward with live rows only', () => {
    expect(progressFromRows(undefined, [{ step: 2, epoch: 0.2, total_steps: 10 }])).toEqual({ step: 2, total_steps: 10, epoch: 0.2 });
    expect(progressFromRows({ step: 5, total_steps: 10, epoch: 0.5 }, [{ step: 2, epoch: 0.2, total_steps: 10 }])).toEqual({ step: 5, total_steps: 10, epoch: 0.5 });
    expect(progressFromRows(undefined, [{ step: 2, epoch: 0.2 }])).toBeUndefined();
  });

  it('says where a queued run stands instead of "preparing"', () => {
    expect(phaseText({ status: 'queued', queue_position: 1 })).toContain('position 1 (starts next)');
    expect(phaseText({ status: 'queued', queue_position: 3 })).toContain('2 before it');
    expect(phaseText({ status: 'running' })).toContain('Preparing');
  });
});
