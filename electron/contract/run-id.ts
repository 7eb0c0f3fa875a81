// One rule for run ids, used by the run store, the CLI's output_dir and every service
// method that takes an id. A run id is a folder name under the runs folder, so it must be
// one plain path part: "." and ".." would name the runs folder itself or its parent, a
// leading dot would hide the folder (and collide with temporary files), a separator
// would leave the runs folder.
import { z } from 'zod';

export const RUN_ID_MAX_LENGTH = 128;
export const RUN_ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Why `id` is not a run id, or undefined when it is one. */
export function runIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'a run id must not be empty';
  if (id.length > RUN_ID_MAX_LENGTH) return `a run id has at most ${RUN_ID_MAX_LENGTH} characters, got ${id.length}`;
  if (!RUN_ID_PATTERN.test(id)) return `"${id}" is not a run id: it must start with a letter, digit or "_" and use only letters, digits, ".", "_" and "-"`;
  return undefined;
}

export function isRunId(id: string): boolean {
  return runIdProblem(id) === undefined;
}

/** The zod form, for the contract's parameter schemas. */
export const runIdSchema = z.string().superRefine((id, ctx) => {
  const problem = runIdProblem(id);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});
