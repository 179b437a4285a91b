import { SeedEntity } from '../seed-contract';

/**
 * Rules of the contract that compare a value with another value or with the seed set's
 * as_of. A row that breaks one cannot be staged as typed and is rejected (unlike business
 * rules such as paid <= allowed, which data quality reports).
 */
export type CrossFieldRule =
  /** A date column may not be later than the seed set's as_of (UTC calendar date). */
  | { readonly kind: 'not-after-as-of'; readonly column: string }
  /** A date column may not be earlier than another date column of the same row. */
  | { readonly kind: 'not-before'; readonly column: string; readonly other: string };

export const CROSS_FIELD_RULES: Readonly<Record<SeedEntity, readonly CrossFieldRule[]>> = {
  members: [{ kind: 'not-after-as-of', column: 'dob' }],
  plans: [],
  providers: [],
  enrollments: [{ kind: 'not-before', column: 'end_date', other: 'start_date' }],
  claims: [],
};

/** A calendar date as the number yyyymmdd, the form the date coercer reports. */
export function ymdNumber(date: Date): number {
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

export function ymdText(ymd: number): string {
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
