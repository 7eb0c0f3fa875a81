// One store from typed slices (zustand docs' pattern); actions live inside the store and
// components read one value per selector.
import { create } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createOverviewSlice, type OverviewSlice } from './overview-slice';

export type WorkbenchState = ConnectionSlice & OverviewSlice;

export const useWorkbench = create<WorkbenchState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createOverviewSlice(...a),
}));
