// Stop and save: a cancel request ends training between two optimizer updates and leaves
// a checkpoint of exactly that point, so that every stopped run can resume and continue
// as if it had never stopped. A request can arrive half-way through an accumulation
// window; the window's gradients are then thrown away, and so must be the random numbers
// it drew (dropout seeds, masked-LM masks), or the resumed run would draw different ones.
import { Rng, type RngState } from '../random';

/** The trainer's generators (see trainer-state.ts for what each draws). */
export interface TrainerRngs {
  data: Rng;
  dropout: Rng;
  masking: Rng;
}

export type RngSnapshot = { [K in keyof TrainerRngs]: RngState };

export function snapshotRngs(rngs: TrainerRngs): RngSnapshot {
  return { data: rngs.data.getState(), dropout: rngs.dropout.getState(), masking: rngs.masking.getState() };
}

/** Generators in the states of a snapshot: what they were before an abandoned window. */
export function rngsFrom(snapshot: RngSnapshot): TrainerRngs {
  return { data: Rng.fromState(snapshot.data), dropout: Rng.fromState(snapshot.dropout), masking: Rng.fromState(snapshot.masking) };
}

/** The log line of a stop: where the run can resume from. */
export function stopMessage(step: number, totalSteps: number, saving: boolean): string {
  return saving
    ? `stopping at step ${step} of ${totalSteps}: saving a checkpoint so that Resume continues from here`
    : `stopping before the first step: nothing to save, Resume starts from the beginning`;
}
