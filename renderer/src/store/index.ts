// One store from typed slices (zustand docs' pattern); actions live inside the store and
// components read one value per selector.
import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createDatasetsSlice, type DatasetsSlice } from './datasets-slice';
import { createDistilSlice, type DistilSlice } from './distil-slice';
import { createEvaluationsSlice, type EvaluationsSlice } from './evaluations-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createModelsSlice, type ModelsSlice } from './models-slice';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';
import { createNewRunSlice, type NewRunSlice } from './new-run-slice';
import { createOverviewSlice, type OverviewSlice } from './overview-slice';
import { createPlaygroundSlice, type PlaygroundSlice } from './playground-slice';
import { createRunsSlice, type RunsSlice } from './runs-slice';

export type WorkbenchState = ConnectionSlice &
  OverviewSlice &
  NavigationSlice &
  DatasetsSlice &
  RunsSlice &
  EvaluationsSlice &
  NewRunSlice &
  CompareSlice &
  PlaygroundSlice &
  ExportSlice &
  ModelsSlice &
  DistilSlice;

export const useWorkbench = create<WorkbenchState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createOverviewSlice(...a),
  ...createNavigationSlice(...a),
  ...createDatasetsSlice(...a),
  ...createRunsSlice(...a),
  ...createEvaluationsSlice(...a),
  ...createNewRunSlice(...a),
  ...createCompareSlice(...a),
  ...createPlaygroundSlice(...a),
  ...createExportSlice(...a),
  ...createModelsSlice(...a),
  ...createDistilSlice(...a),
}));
