/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC) and month indices
 * (year × 12 + month − 1). Integer days keep the hot loop free of Date objects; the text of a
 * date comes from a cache.
 */

const MS_PER_DAY = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function dayOfDate(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function dateOfDay(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

export interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Civil date of a day number (H. Hinnant's days-to-civil algorithm). */
export function civilOfDay(dayNo: number): Civil {
  const z = dayNo + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Parses `YYYY-MM-DD` strictly (rejects 2024-02-30); returns undefined when invalid. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayNumber(y, mo, d);
  const c = civilOfDay(day);
  return c.year === y && c.month === mo && c.day === d ? day : undefined;
}

export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

export function monthOfDay(dayNo: number): number {
  const c = civilOfDay(dayNo);
  return monthIndex(c.year, c.month);
}

export function yearOfMonth(month: number): number {
  return Math.floor(month / 12);
}

/** 1–12 */
export function calendarMonthOf(month: number): number {
  return (month % 12) + 1;
}

export function firstDayOfMonth(month: number): number {
  return dayNumber(yearOfMonth(month), calendarMonthOf(month), 1);
}

export function lastDayOfMonth(month: number): number {
  return firstDayOfMonth(month + 1) - 1;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNo: number): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

/** Whole years between a birth day and a day (birthday on 29 Feb reached on 1 Mar). */
export function ageOn(dob: Civil, dayNo: number): number {
  const c = civilOfDay(dayNo);
  let age = c.year - dob.year;
  if (c.month < dob.month || (c.month === dob.month && c.day < dob.day)) age -= 1;
  return age;
}

const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** `YYYY-MM-DD` text of day numbers, cached for the years the generator touches. */
export class DateText {
  private readonly first: number;
  private readonly texts: string[];

  constructor(fromYear = 1900, toYear = 2200) {
    this.first = dayNumber(fromYear, 1, 1);
    const last = dayNumber(toYear, 12, 31);
    this.texts = new Array<string>(last - this.first + 1);
    let y = fromYear;
    let m = 1;
    let d = 1;
    for (let i = 0; i < this.texts.length; i++) {
      this.texts[i] = `${y}-${TWO[m]}-${TWO[d]}`;
      d++;
      if (d > daysInMonth(y, m)) {
        d = 1;
        m++;
        if (m > 12) {
          m = 1;
          y++;
        }
      }
    }
  }

  of(dayNo: number): string {
    const text = this.texts[dayNo - this.first];
    if (text === undefined) throw new RangeError(`Day ${dayNo} outside the date cache`);
    return text;
  }
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `2025-01-01T00:00:00Z` (seconds precision, UTC). */
export function isoInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Folder name of a seed set for its as_of: `20250101T000000Z`. */
export function seedSetFolderName(asOf: Date): string {
  return isoInstant(asOf).replace(/[-:]/g, '');
}
