/**
 * RFC 4180 encoding of seed CSV fields and money/decimal text. A field is quoted only when it
 * contains a comma, a double quote or a line break; quotes inside are doubled. Money is kept as
 * integer cents and formatted exactly (never through floating point).
 */

const NEEDS_QUOTING = /[",\r\n]/;

export function csvField(value: string): string {
  if (!NEEDS_QUOTING.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

/** Joins already-known values into one CSV record (without the line break). */
export function csvRecord(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Integer cents as a decimal with exactly two places: 30 → `0.30`, 123456 → `1234.56`. */
export function centsText(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError(`Cents must be an integer, got ${cents}`);
  if (cents < 0) return `-${centsText(-cents)}`;
  const whole = Math.floor(cents / 100);
  return `${whole}.${TWO_DIGITS[cents - whole * 100]}`;
}

/** Parses a decimal with up to two places into integer cents (`12.5` → 1250); NaN if invalid. */
export function parseCents(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return NaN;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** An integer scaled by 10^places as fixed-point text: (235, 2) → `2.35`, (1234, 3) → `1.234`. */
export function fixedText(scaled: number, places: number): string {
  const unit = 10 ** places;
  const sign = scaled < 0 ? '-' : '';
  const abs = Math.abs(Math.round(scaled));
  const whole = Math.floor(abs / unit);
  const frac = String(abs - whole * unit).padStart(places, '0');
  return `${sign}${whole}.${frac}`;
}

/** Splits one RFC 4180 record (no line break at the end) into its fields. */
export function splitCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    if (record.charCodeAt(i) === 34) {
      let value = '';
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) {
          value += record.slice(i);
          i = n;
          break;
        }
        value += record.slice(i, q);
        if (record.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i >= n) return fields;
      i++; // the comma
    } else {
      const c = record.indexOf(',', i);
      if (c < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, c));
      i = c + 1;
    }
    if (i === n) {
      fields.push('');
      return fields;
    }
  }
}
