/**
 * Result parsing shared by both engines, so code above the adapters cannot tell them apart
 * (see the SqlDatabase port for the contract).
 */
export const OID = {
  INT8: 20,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
  NUMERIC: 1700,
  INT8_ARRAY: 1016,
  DATE_ARRAY: 1182,
  NUMERIC_ARRAY: 1231,
} as const;

export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(
      `bigint value ${value} exceeds the JavaScript safe integer range; cast it to text or numeric in SQL`,
    );
  }
  return n;
}

/** Dates stay calendar strings: a JS Date would shift them by the process time zone. */
export function parseDate(value: string): string {
  return value;
}

/** `timestamp without time zone` values are UTC in this warehouse. */
export function parseTimestamp(value: string): Date {
  if (value === 'infinity' || value === '-infinity')
    return new Date(value === 'infinity' ? 8.64e15 : -8.64e15);
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export function parseTimestampTz(value: string): Date {
  if (value === 'infinity' || value === '-infinity')
    return new Date(value === 'infinity' ? 8.64e15 : -8.64e15);
  // PostgreSQL prints offsets as +00 or +05:30; Date needs +00:00.
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso);
}

export function parseNumeric(value: string): string {
  return value;
}

/**
 * One-dimensional arrays of unquoted elements (numbers, dates): `{1,2,NULL}`. The engines'
 * own array parsers disagree (PostgreSQL gives int8 elements as strings, PGlite as numbers).
 */
export function parseSimpleArray<T>(
  parse: (element: string) => T,
): (value: string) => Array<T | null> {
  return (value: string) => {
    if (!value.startsWith('{') || !value.endsWith('}') || value.includes('{', 1)) {
      throw new Error(`unsupported array literal ${value.slice(0, 40)}`);
    }
    const body = value.slice(1, -1);
    return body === '' ? [] : body.split(',').map((e) => (e === 'NULL' ? null : parse(e)));
  };
}

export const RESULT_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [OID.INT8]: parseInt8,
  [OID.DATE]: parseDate,
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.TIMESTAMPTZ]: parseTimestampTz,
  [OID.NUMERIC]: parseNumeric,
  [OID.INT8_ARRAY]: parseSimpleArray(parseInt8),
  [OID.DATE_ARRAY]: parseSimpleArray(parseDate),
  [OID.NUMERIC_ARRAY]: parseSimpleArray(parseNumeric),
};
