// Where the bench finds the real data sets in full: the repo's copy of the shared data sets
// (datasets/testdata/full, with its SOURCES.md), beside the samples that ship with the app.
import path from 'node:path';

export const FULL_DATA_DIR = path.join(import.meta.dirname, '..', 'datasets', 'testdata', 'full');

/** The full SST-2 training set (67,349 labelled sentences and phrases). */
export const SST2_FULL_TRAIN = path.join(FULL_DATA_DIR, 'sst2', 'train.tsv');
