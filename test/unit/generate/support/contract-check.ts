/**
 * Checks a parsed record against the seed contract's column specs, the way staging types it:
 * field count, required values, dates, integers, decimals, booleans, domains, bounds, lengths.
 * Returns the reasons a row would be rejected (empty when it types).
 */
import {
  ColumnSpec,
  FALSE_WORDS,
  SeedFileSpec,
  TRUE_WORDS,
} from '../../../../src/domain/seed-contract';

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() + 1 === Number(m[2]) &&
    d.getUTCDate() === Number(m[3])
  );
}

export function columnProblem(spec: ColumnSpec, raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return spec.required ? `${spec.name}: missing required value` : undefined;
  switch (spec.type) {
    case 'date':
      if (!isDate(value)) return `${spec.name}: not a date '${value}'`;
      break;
    case 'int':
      if (!/^-?\d+$/.test(value)) return `${spec.name}: not an integer '${value}'`;
      break;
    case 'decimal':
      if (!/^-?\d+(\.\d+)?$/.test(value)) return `${spec.name}: not a decimal '${value}'`;
      break;
    case 'bool': {
      const v = value.toLowerCase();
      if (
        !(TRUE_WORDS as readonly string[]).includes(v) &&
        !(FALSE_WORDS as readonly string[]).includes(v)
      ) {
        return `${spec.name}: not a boolean '${value}'`;
      }
      break;
    }
    case 'text':
      break;
  }
  if (spec.domain && !spec.domain.some((d) => d.toLowerCase() === value.toLowerCase())) {
    return `${spec.name}: '${value}' outside ${spec.domain.join('/')}`;
  }
  if (
    (spec.type === 'int' || spec.type === 'decimal') &&
    (spec.min !== undefined || spec.max !== undefined)
  ) {
    const n = Number(value);
    if (spec.min !== undefined && n < spec.min) return `${spec.name}: ${value} below ${spec.min}`;
    if (spec.max !== undefined && n > spec.max) return `${spec.name}: ${value} above ${spec.max}`;
  }
  if (spec.length !== undefined && value.length !== spec.length)
    return `${spec.name}: length ${value.length} ≠ ${spec.length}`;
  if (spec.digitsOnly && !/^\d+$/.test(value)) return `${spec.name}: not digits only`;
  return undefined;
}

/**
 * Reasons the record would be rejected. `asOf` (YYYY-MM-DD) enables the cross-field rule on
 * members' dob; enrollments' end_date must not be before start_date.
 */
export function recordProblems(
  file: SeedFileSpec,
  header: readonly string[],
  fields: readonly string[],
  asOf?: string,
): string[] {
  if (fields.length !== header.length) return [`field count ${fields.length} ≠ ${header.length}`];
  const problems: string[] = [];
  const value: Record<string, string> = {};
  header.forEach((name, i) => {
    value[name] = fields[i].trim();
    const spec = file.columns.find((c) => c.name === name);
    const problem = spec && columnProblem(spec, fields[i]);
    if (problem) problems.push(problem);
  });
  if (problems.length > 0) return problems;
  if (file.file === 'enrollments.csv' && value.end_date && value.end_date < value.start_date) {
    problems.push('end_date before start_date');
  }
  if (file.file === 'members.csv' && asOf && value.dob > asOf) problems.push('dob after as_of');
  return problems;
}
