import { HttpError } from './http-error';

/** `a,b , c` and repeated parameters -> ['a', 'b', 'c'] (blanks dropped). */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** An optional positive integer parameter, capped at `max`. */
export function limitParam(
  params: URLSearchParams,
  fallback: number,
  max: number,
  name = 'limit',
): number {
  const raw = params.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new HttpError(400, `${name} must be a positive integer`, { [name]: raw });
  }
  return Math.min(Number(raw), max);
}

/**
 * `where=state:TX,CA&where=metal_tier:Gold` -> { state: ['TX', 'CA'], metal_tier: ['Gold'] };
 * members of one dimension are OR-ed, dimensions AND-ed.
 */
export function whereParam(params: URLSearchParams): Record<string, string[]> {
  const where: Record<string, string[]> = {};
  for (const clause of params.getAll('where')) {
    if (clause.trim() === '') continue;
    const colon = clause.indexOf(':');
    const dimension = colon > 0 ? clause.slice(0, colon).trim() : '';
    const members =
      colon > 0
        ? clause
            .slice(colon + 1)
            .split(',')
            .map((m) => m.trim())
        : [];
    if (dimension === '' || members.length === 0 || members.some((m) => m === '')) {
      throw new HttpError(400, `where must look like dimension:value[,value…]`, {
        where: clause,
      });
    }
    where[dimension] = [...(where[dimension] ?? []), ...members];
  }
  return where;
}
