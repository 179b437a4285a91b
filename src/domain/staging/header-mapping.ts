import { ColumnSpec, SeedFileSpec } from '../seed-contract';
import { SeedFileError } from './seed-file-error';

/** How the columns of one file's header map onto the contract. */
export interface HeaderMapping {
  /** Normalized header name per position (trimmed, lower case). */
  readonly names: readonly string[];
  /** Contract column per position; null for a column the contract does not name. */
  readonly columns: readonly (ColumnSpec | null)[];
  /** Header names the contract does not know, in file order (kept in `extra`). */
  readonly unknown: readonly string[];
  /** Optional contract columns the file does not have (staged as NULL). */
  readonly absentOptional: readonly string[];
}

/** Header names compare trimmed and case-insensitively; an empty name becomes `column_<n>`. */
export function normalizeHeaderName(raw: string, position: number): string {
  const name = raw.trim().toLowerCase();
  return name === '' ? `column_${position + 1}` : name;
}

/**
 * Matches a header against the contract. A duplicated column or a missing required column
 * fails the whole file: without them no row could be typed.
 */
export function mapHeader(
  spec: SeedFileSpec,
  rawNames: readonly string[],
  line = 1,
): HeaderMapping {
  const names = rawNames.map(normalizeHeaderName);
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const firstSeen = new Map<string, number>();
  names.forEach((name, position) => {
    const earlier = firstSeen.get(name);
    if (earlier !== undefined) {
      const fields = `fields ${earlier + 1} and ${position + 1}`;
      // A name the contract does not know may be a value (a file whose header line is
      // missing starts with a data row): never echo it, it could be personal data.
      throw byName.has(name)
        ? new SeedFileError(
            { file: spec.file, line, column: name },
            `the header names this column twice (${fields})`,
          )
        : new SeedFileError(
            { file: spec.file, line },
            `${fields} of the header have the same name, which the contract does not know (is the header line missing?)`,
          );
    }
    firstSeen.set(name, position);
  });

  const missing = spec.columns.filter((c) => c.required && !firstSeen.has(c.name));
  if (missing.length > 0) {
    const list = missing.map((c) => c.name).join(', ');
    throw new SeedFileError(
      { file: spec.file, line, column: missing[0]?.name ?? '' },
      missing.length === 1
        ? 'required column is missing from the header'
        : `required columns are missing from the header: ${list}`,
    );
  }
  return {
    names,
    columns: names.map((name) => byName.get(name) ?? null),
    unknown: names.filter((name) => !byName.has(name)),
    absentOptional: spec.columns.filter((c) => !firstSeen.has(c.name)).map((c) => c.name),
  };
}
