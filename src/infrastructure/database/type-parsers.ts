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

export const RESULT_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [OID.INT8]: parseInt8,
  [OID.DATE]: parseDate,
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.TIMESTAMPTZ]: parseTimestampTz,
  [OID.NUMERIC]: parseNumeric,
};
