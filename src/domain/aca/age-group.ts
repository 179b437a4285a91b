import { AGE_GROUPS, AgeGroup } from '../seed-contract';

/** A calendar date given as `YYYY-MM-DD` or as a `Date` (its UTC calendar day is used). */
export type CalendarDate = string | Date;

function ymd(date: CalendarDate): [number, number, number] {
  if (typeof date === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    if (!m) throw new RangeError(`Not a YYYY-MM-DD date: '${date}'`);
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/**
 * Age in completed years on `at` for someone born on `dob` (a birthday on 29 February counts as
 * reached on 1 March in common years). Negative when `at` is before `dob`.
 */
export function ageAt(dob: CalendarDate, at: CalendarDate): number {
  const [by, bm, bd] = ymd(dob);
  const [ay, am, ad] = ymd(at);
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age -= 1;
  return age;
}

/** Contract age band (`<18`, `18-25`, `26-34`, `35-44`, `45-54`, `55-64`, `65+`) for an age. */
export function ageGroupOf(age: number): AgeGroup {
  if (age < 18) return AGE_GROUPS[0];
  if (age <= 25) return AGE_GROUPS[1];
  if (age <= 34) return AGE_GROUPS[2];
  if (age <= 44) return AGE_GROUPS[3];
  if (age <= 54) return AGE_GROUPS[4];
  if (age <= 64) return AGE_GROUPS[5];
  return AGE_GROUPS[6];
}

/** Contract age band of someone born on `dob`, on the date `at` (e.g. the seed set's as_of). */
export function ageGroupAt(dob: CalendarDate, at: CalendarDate): AgeGroup {
  return ageGroupOf(ageAt(dob, at));
}
