const MAX_LENGTH = 300;

/**
 * The first line of a database error, fit for etl.dq_result and logs: quoted input values that
 * PostgreSQL echoes in some messages (`invalid input syntax for type integer: "…"`,
 * `value "…" is out of range`) are masked, since they could be personal data.
 */
export function checkErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : undefined;
  const firstLine = (raw.split('\n')[0] ?? '').trim();
  const masked = firstLine
    .replace(/(invalid input syntax for type [a-z ]+: )".*"$/i, '$1"…"')
    .replace(/\bvalue ".*?" is out of range/i, 'value "…" is out of range');
  const text = code && /^[0-9A-Z]{5}$/.test(code) ? `${code}: ${masked}` : masked;
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
