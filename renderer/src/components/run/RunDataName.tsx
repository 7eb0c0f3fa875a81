// "on reviews.csv": which data a run trained on, by the name the person knows the file by.
import type { RunRecord } from '../../../../electron/contract';
import { DataFilesName } from '../data/DatasetName';

export function RunDataName({ run }: { run: Pick<RunRecord, 'config'> }) {
  const data = run.config.data as { train?: unknown; validation?: unknown } | undefined;
  if (typeof data?.train !== 'string') return null;
  return (
    <span className="run-data">
      {' '}
      · on <DataFilesName train={data.train} validation={typeof data.validation === 'string' ? data.validation : undefined} />
    </span>
  );
}
