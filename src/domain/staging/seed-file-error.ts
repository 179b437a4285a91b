/** Where in a seed set a problem was found; `file` is the name inside the folder. */
export interface SeedFileLocation {
  readonly file: string;
  /** Physical line number (header = line 1). */
  readonly line?: number;
  /** Column name as the header spells it (normalized) or the contract names it. */
  readonly column?: string;
}

/**
 * A seed file refused as a whole: missing, unreadable, a header without a required column,
 * a manifest mismatch. The batch fails and nothing of it stays staged. Messages name the
 * file, line and column, never a value (values may be personal data).
 */
export class SeedFileError extends Error {
  override readonly name = 'SeedFileError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;

  constructor(
    location: SeedFileLocation,
    /** What is wrong, without the location (the message adds it). */
    readonly detail: string,
  ) {
    super(`${describeLocation(location)}: ${detail}`);
    this.file = location.file;
    this.line = location.line;
    this.column = location.column;
  }
}

function describeLocation(location: SeedFileLocation): string {
  const parts = [location.file];
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.column !== undefined) parts.push(`column ${location.column}`);
  return parts.join(', ');
}
