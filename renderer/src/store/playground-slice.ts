// Playground: one prediction at a time on a finished run.
import type { StateCreator } from 'zustand';
import type { Prediction } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export type PlaygroundInput = { text: string; text_pair?: string } | { question: string; context: string };

export interface PlaygroundSlice {
  prediction: Prediction | null;
  /** The input the prediction answers (its offsets point into this text). */
  predictedInput: PlaygroundInput | null;
  predicting: boolean;
  predictError: string | null;
  predict(runId: string, input: PlaygroundInput): Promise<void>;
  clearPrediction(): void;
}

export const createPlaygroundSlice: StateCreator<WorkbenchState, [], [], PlaygroundSlice> = (set, get) => ({
  prediction: null,
  predictedInput: null,
  predicting: false,
  predictError: null,
  async predict(runId, input) {
    const client = get().client;
    if (!client) return;
    set({ predicting: true, predictError: null });
    try {
      const [prediction] = await client.call('runs.predict', { id: runId, inputs: [input] });
      set({ prediction: prediction ?? null, predictedInput: input, predicting: false });
    } catch (error) {
      set({ predicting: false, prediction: null, predictError: errorMessage(error, 'The model could not predict') });
    }
  },
  clearPrediction: () => set({ prediction: null, predictedInput: null, predictError: null }),
});
