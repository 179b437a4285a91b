import { SeedFileError } from '../../domain/staging/seed-file-error';

/**
 * A COPY into staging that failed in the database (the typer should make that impossible; a
 * lost connection still can): the message names the file and table, and masks every quoted
 * span of the database's message, since PostgreSQL quotes the offending value
 * (`invalid input syntax for type date: "…"`) and values may be personal data. The database's
 * error stays as `cause`. A SeedFileError (from reading the file) passes unchanged.
 */
export function stagingCopyError(file: string, table: string, error: unknown): Error {
  if (error instanceof SeedFileError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const firstLine = (raw.split('\n')[0] ?? '').trim();
  const masked = firstLine.replace(/"[^"]*"?/g, '"…"');
  return new Error(`${file}: COPY into ${table} failed: ${masked}`, { cause: error });
}
