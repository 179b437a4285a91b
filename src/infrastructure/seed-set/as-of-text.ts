/** `20250101`, `202501011200`, `20250101120000`, `20250101T000000Z`, `20250101T0000Z`. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?Z?)?$/;
/**
 * `2025-01-01`, `2025-01-01T00:00:00Z`, `2025-01-01T00:00Z`, `2025-01-01T00:00:00.000+01:00`,
 * and file-system friendly `2025-01-01T00-00-00Z`.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T_ ](\d{2})[:-](\d{2})(?:[:-](\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant an as_of text stands for (a timestamp folder name or manifest.json's as_of),
 * in UTC unless it carries an offset; undefined when it is not a timestamp or not a real date
 * and time.
 */
export function parseAsOfText(name: string): Date | undefined {
  const compact = COMPACT.exec(name);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return utcDate(y, mo, d, h, mi, s, undefined, 'Z');
  }
  const iso = ISO.exec(name);
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction, zone] = iso;
    return utcDate(y, mo, d, h, mi, s, fraction, zone ?? 'Z');
  }
  return undefined;
}

function utcDate(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  zone: string,
): Date | undefined {
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map((p) => Number(p ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(utc);
  // Date.UTC rolls 2025-02-30 over to March: refuse dates that are not on the calendar.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return undefined;
  }
  return new Date(utc - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
