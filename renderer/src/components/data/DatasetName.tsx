// A data file as people know it: its name in the library (the file's own name, or the one
// it was renamed to), else the last part of its path. Never the folder the service keeps
// it in.
import { useEffect } from 'react';
import { fileName } from '../../format';
import { useWorkbench } from '../../store';
import { libraryEntryOf } from '../../store/datasets-slice';

/** path → the name to show; the library is loaded once when a page first asks. */
export function useDatasetName(): (path: string) => string {
  const library = useWorkbench((s) => s.library);
  const loadLibrary = useWorkbench((s) => s.loadLibrary);
  const client = useWorkbench((s) => s.client);
  useEffect(() => {
    if (client && library.length === 0) void loadLibrary();
  }, [client]); // eslint-disable-line react-hooks/exhaustive-deps -- once per connection
  return (path) => libraryEntryOf(library, path)?.name ?? fileName(path);
}

/** "reviews.csv" or "reviews.csv + dev.csv". */
export function DataFilesName({ train, validation }: { train: string; validation?: string | undefined }) {
  const name = useDatasetName();
  return (
    <span className="file-name" data-testid="data-name">
      {name(train)}
      {validation ? ` + ${name(validation)}` : ''}
    </span>
  );
}
