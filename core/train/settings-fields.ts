// The zod field builders every settings schema uses, so that all settings word their
// errors alike ("must be >= 0", "must be true or false").
import { z } from 'zod';

export interface NumberBounds {
  int?: boolean;
  min?: number;
  gt?: number;
  max?: number;
  lt?: number;
}

export function numberField(bounds: NumberBounds): z.ZodNumber {
  let field = z.number({ invalid_type_error: 'must be a number' }).finite('must be a finite number');
  if (bounds.int) field = field.int('must be a whole number');
  if (bounds.min !== undefined) field = field.min(bounds.min, `must be >= ${bounds.min}`);
  if (bounds.gt !== undefined) field = field.gt(bounds.gt, `must be > ${bounds.gt}`);
  if (bounds.max !== undefined) field = field.max(bounds.max, `must be <= ${bounds.max}`);
  if (bounds.lt !== undefined) field = field.lt(bounds.lt, `must be < ${bounds.lt}`);
  return field;
}

export const count = (min: number) => numberField({ int: true, min });
export const flag = () => z.boolean({ invalid_type_error: 'must be true or false' });
