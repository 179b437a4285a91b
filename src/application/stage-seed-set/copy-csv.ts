const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One value in PostgreSQL's COPY CSV format: quoted (quotes doubled) only when it holds a
 * comma, quote or line break. Never called with an empty string: an empty unquoted field is
 * NULL, and staging stores empty values as NULL.
 */
export function csvValue(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Like csvValue, but an empty string stays an (quoted) empty string and null is NULL. */
export function csvNullable(value: string | null): string {
  if (value === null) return '';
  return value === '' ? '""' : csvValue(value);
}
