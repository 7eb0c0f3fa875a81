// What a reader made of a file's columns (CSV/TSV header, or the fields of the first JSON
// record): what it has, which column plays which role, and which of those the person chose.
// The app draws its column pickers from this; a file whose columns could not be resolved
// still reports what it has, so that the person can choose.
import type { ColumnRole, DataColumns } from '../core/train/run-data';

export type { ColumnRole, DataColumns };

export interface ColumnReport {
  /** Column names in file order. */
  available: string[];
  /** Role → column in use; a role left out is not in use (or could not be resolved). */
  chosen: DataColumns;
  /** The roles the person gave (data.columns); the others were guessed. */
  given: ColumnRole[];
}

export function columnReport(available: readonly string[], chosen: DataColumns, given: DataColumns | undefined): ColumnReport {
  const roles = (Object.keys(given ?? {}) as ColumnRole[]).filter((role) => given?.[role] !== undefined);
  return { available: [...available], chosen, given: roles };
}
