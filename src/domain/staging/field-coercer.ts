import { ColumnSpec, sqlTypeOf } from '../seed-contract';

/** The value is valid and its trimmed input is already the stored spelling. */
export const FIELD_OK = 0;
/** The value is empty: stored as NULL. */
export const FIELD_NULL = 1;
/** The value is valid and stored as `slot.text` (e.g. a domain value's canonical spelling). */
export const FIELD_CANONICAL = 2;
/** The value cannot be typed; `slot.text` holds the reject reason. */
export const FIELD_INVALID = 3;

/** Out-parameters of a coercion, reused across calls so the hot path allocates nothing. */
export interface CoercionSlot {
  /** Canonical spelling (FIELD_CANONICAL) or reject reason (FIELD_INVALID). */
  text: string;
  /** Dates: yyyymmdd as a number, for cross-field rules. */
  num: number;
}

/** Text without length or digit rules: any non-empty value is valid as read. */
export const KIND_FREE_TEXT = 0;
const KIND_TEXT = 1;
const KIND_DOMAIN = 2;
const KIND_DATE = 3;
const KIND_INT = 4;
const KIND_DECIMAL = 5;
const KIND_BOOL = 6;

const INT4_MIN = -2147483648;
/** numeric_in refuses an exponent whose magnitude reaches INT_MAX / 2. */
const MAX_NUMERIC_EXPONENT = 1_073_741_823;
const INT4_MAX = 2147483647;
const BOOL_WORDS = '1/0, true/false, t/f, yes/no, y/n';
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Strings are trimmed of ASCII white space (space, tab, line breaks, VT, FF). */
export function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/**
 * Types one column's values straight from the bytes of a CSV field, per the seed-set
 * contract: type, domain (case-insensitive, stored in the contract's spelling), min/max,
 * exact length, digits only, and the precision of the staging column. Values it accepts are
 * also accepted verbatim by PostgreSQL's input functions, so they can go to COPY unchanged.
 */
export class FieldCoercer {
  readonly required: boolean;
  readonly kind: number;
  // The contract's specs come in many object shapes; their rules are copied here so that the
  // hot path reads one shape.
  private readonly length: number;
  private readonly digitsOnly: boolean;
  private readonly min: number;
  private readonly max: number;
  private readonly domainLower: readonly Uint8Array[] = [];
  private readonly domainExact: readonly Uint8Array[] = [];
  private readonly domainText: readonly string[] = [];
  /** Decimals: the smallest magnitude that no longer fits numeric(p,s) after rounding. */
  private readonly overflowAt: number = Infinity;
  /** Decimals: p and s of the staging column's numeric(p,s); -1 when unconstrained. */
  private readonly precision: number = -1;
  private readonly scale: number = -1;
  private readonly sqlType: string;

  constructor(readonly column: ColumnSpec) {
    this.required = column.required;
    this.sqlType = sqlTypeOf(column);
    this.length = column.length ?? -1;
    this.digitsOnly = column.digitsOnly === true;
    this.min = column.min ?? -Infinity;
    this.max = column.max ?? Infinity;
    if (column.domain) {
      this.kind = KIND_DOMAIN;
      this.domainText = [...column.domain];
      this.domainExact = column.domain.map((v) => new Uint8Array(Buffer.from(v, 'utf8')));
      this.domainLower = column.domain.map(
        (v) => new Uint8Array(Buffer.from(v.toLowerCase(), 'utf8')),
      );
    } else if (column.type === 'text') {
      this.kind = this.length < 0 && !this.digitsOnly ? KIND_FREE_TEXT : KIND_TEXT;
    } else {
      this.kind = {
        date: KIND_DATE,
        int: KIND_INT,
        decimal: KIND_DECIMAL,
        bool: KIND_BOOL,
      }[column.type];
    }
    const numeric = /^numeric\((\d+),\s*(\d+)\)$/.exec(this.sqlType);
    if (numeric) {
      const precision = Number(numeric[1]);
      const scale = Number(numeric[2]);
      this.precision = precision;
      this.scale = scale;
      this.overflowAt = 10 ** (precision - scale) - 0.5 * 10 ** -scale;
    }
  }

  /**
   * Types the non-empty, trimmed bytes `[start, end)` (a quoted field already unescaped).
   * Returns FIELD_OK, FIELD_CANONICAL or FIELD_INVALID, with details in `slot`.
   */
  coerce(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    switch (this.kind) {
      case KIND_FREE_TEXT:
        return FIELD_OK;
      case KIND_TEXT:
        return this.text(buf, start, end, slot);
      case KIND_DOMAIN:
        return this.domain(buf, start, end, slot);
      case KIND_DATE:
        return this.date(buf, start, end, slot);
      case KIND_INT:
        return this.int(buf, start, end, slot);
      case KIND_DECIMAL:
        return this.decimal(buf, start, end, slot);
      default:
        return this.bool(buf, start, end, slot);
    }
  }

  private text(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    const length = this.length;
    if (length >= 0 && characterCount(buf, start, end) !== length) {
      return this.invalid(slot, buf, start, end, `is not exactly ${length} characters`);
    }
    if (this.digitsOnly) {
      for (let i = start; i < end; i++) {
        const b = buf[i];
        if (b < 0x30 || b > 0x39) return this.invalid(slot, buf, start, end, 'is not all digits');
      }
    }
    return FIELD_OK;
  }

  private domain(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    const length = end - start;
    const values = this.domainLower;
    for (let v = 0; v < values.length; v++) {
      const lower = values[v];
      if (lower.length !== length) continue;
      let i = 0;
      while (i < length && asciiLower(buf[start + i]) === lower[i]) i++;
      if (i < length) continue;
      const exact = this.domainExact[v];
      i = 0;
      while (i < length && buf[start + i] === exact[i]) i++;
      if (i === length) return FIELD_OK;
      slot.text = this.domainText[v];
      return FIELD_CANONICAL;
    }
    return this.invalid(slot, buf, start, end, `is not one of ${this.domainText.join(', ')}`);
  }

  private date(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    const notADate = (): number =>
      this.invalid(slot, buf, start, end, 'is not a calendar date in YYYY-MM-DD form');
    if (end - start !== 10 || buf[start + 4] !== 0x2d || buf[start + 7] !== 0x2d) return notADate();
    const year = digits(buf, start, 4);
    const month = digits(buf, start + 5, 2);
    const day = digits(buf, start + 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1) return notADate();
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month])) return notADate();
    slot.num = year * 10000 + month * 100 + day;
    return FIELD_OK;
  }

  private int(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    let i = start;
    const sign = buf[i];
    const negative = sign === 0x2d;
    if (negative || sign === 0x2b) i++;
    if (i === end) return this.invalid(slot, buf, start, end, 'is not a whole number');
    let value = 0;
    for (; i < end; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) return this.invalid(slot, buf, start, end, 'is not a whole number');
      value = value * 10 + d;
    }
    if (negative) value = -value;
    if (value < INT4_MIN || value > INT4_MAX) {
      return this.invalid(slot, buf, start, end, 'is outside the integer range');
    }
    return this.bounds(value, buf, start, end, slot);
  }

  private decimal(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    const notADecimal = (): number =>
      this.invalid(
        slot,
        buf,
        start,
        end,
        "is not a decimal number ('.' as the decimal point, no thousands separator)",
      );
    let i = start;
    const sign = buf[i];
    const negative = sign === 0x2d;
    if (negative || sign === 0x2b) i++;
    const intStart = i;
    let value = 0;
    let digitCount = 0;
    for (; i < end; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      digitCount++;
    }
    const intEnd = i;
    let fracStart = i;
    if (i < end && buf[i] === 0x2e) {
      fracStart = ++i;
      let scale = 1;
      for (; i < end; i++) {
        const d = buf[i] - 0x30;
        if (d < 0 || d > 9) break;
        scale /= 10;
        value += d * scale;
        digitCount++;
      }
    }
    const fracEnd = i;
    if (digitCount === 0) return notADecimal();
    let exponent = 0;
    if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
      i++;
      const expNegative = buf[i] === 0x2d;
      if (expNegative || buf[i] === 0x2b) i++;
      let expDigits = 0;
      for (; i < end; i++) {
        const d = buf[i] - 0x30;
        if (d < 0 || d > 9) break;
        exponent = exponent * 10 + d;
        expDigits++;
      }
      if (expDigits === 0) return notADecimal();
      if (expNegative) exponent = -exponent;
      // Zero times 10^big is zero (not NaN), as PostgreSQL reads it.
      if (value !== 0) value *= 10 ** exponent;
    }
    if (i !== end) return notADecimal();
    // PostgreSQL's numeric input refuses exponents beyond ±(INT_MAX / 2), whatever the digits.
    if (Math.abs(exponent) >= MAX_NUMERIC_EXPONENT) {
      return this.invalid(slot, buf, start, end, `does not fit ${this.sqlType}`);
    }
    if (negative) value = -value;
    if (!this.fits(Math.abs(value), buf, intStart, intEnd, fracStart, fracEnd, exponent)) {
      return this.invalid(slot, buf, start, end, `does not fit ${this.sqlType}`);
    }
    return this.bounds(value, buf, start, end, slot);
  }

  /**
   * Whether the value fits numeric(p,s) once rounded to s decimals. The floating-point
   * magnitude decides, except within a hair of the limit, where binary rounding could tip it
   * either way (`9999.995e-1` sums to just below 999.9995): there the decimal digits decide.
   */
  private fits(
    magnitude: number,
    buf: Buffer,
    intStart: number,
    intEnd: number,
    fracStart: number,
    fracEnd: number,
    exponent: number,
  ): boolean {
    const limit = this.overflowAt;
    if (limit === Infinity) return true;
    if (magnitude < limit * (1 - 1e-9)) return true;
    if (magnitude > limit * (1 + 1e-9)) return false;
    return this.fitsExactly(buf, intStart, intEnd, fracStart, fracEnd, exponent);
  }

  /**
   * The decimal digits, read as 0.d1d2d3… × 10^point, fit numeric(p,s) when the value has
   * fewer than p - s integer digits, or exactly p - s and rounding half away from zero at s
   * decimals (as PostgreSQL rounds) does not carry into a new digit: the first p + 1
   * significant digits are below 99…95.
   */
  private fitsExactly(
    buf: Buffer,
    intStart: number,
    intEnd: number,
    fracStart: number,
    fracEnd: number,
    exponent: number,
  ): boolean {
    const integerDigits = this.precision - this.scale;
    let point = intEnd - intStart + exponent;
    const significant: number[] = [];
    for (let i = intStart; i < fracEnd && significant.length <= this.precision; i++) {
      if (i === intEnd) i = fracStart;
      if (i >= fracEnd) break;
      const d = buf[i] - 0x30;
      if (significant.length === 0 && d === 0) {
        point--;
        continue;
      }
      significant.push(d);
    }
    if (significant.length === 0) return true;
    if (point !== integerDigits) return point < integerDigits;
    for (let k = 0; k <= this.precision; k++) {
      const d = significant[k] ?? 0;
      const limit = k < this.precision ? 9 : 5;
      if (d !== limit) return d < limit;
    }
    return false;
  }

  private bool(buf: Buffer, start: number, end: number, slot: CoercionSlot): number {
    const length = end - start;
    const c0 = asciiLower(buf[start]);
    let ok = false;
    if (length === 1) {
      ok = c0 === 0x31 || c0 === 0x30 || c0 === 0x74 || c0 === 0x66 || c0 === 0x79 || c0 === 0x6e;
    } else if (length <= 5) {
      const word = buf.toString('latin1', start, end).toLowerCase();
      ok = word === 'true' || word === 'false' || word === 'yes' || word === 'no';
    }
    // PostgreSQL's boolean input reads every accepted spelling, so they pass unchanged.
    return ok ? FIELD_OK : this.invalid(slot, buf, start, end, `is not a boolean (${BOOL_WORDS})`);
  }

  private bounds(
    value: number,
    buf: Buffer,
    start: number,
    end: number,
    slot: CoercionSlot,
  ): number {
    if (value < this.min) {
      return this.invalid(slot, buf, start, end, `is below the minimum ${this.min}`);
    }
    if (value > this.max) {
      return this.invalid(slot, buf, start, end, `is above the maximum ${this.max}`);
    }
    return FIELD_OK;
  }

  /** The reason names the column and the rule; it quotes the value unless it is personal. */
  private invalid(
    slot: CoercionSlot,
    buf: Buffer,
    start: number,
    end: number,
    rule: string,
  ): number {
    slot.text = `${this.column.name}: ${describeValue(this.column, buf.toString('utf8', start, end))} ${rule}`;
    return FIELD_INVALID;
  }
}

/** How a reject reason shows a value: quoted and shortened, or hidden when personal. */
export function describeValue(column: ColumnSpec, value: string): string {
  if (column.personal) return 'the value';
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return `'${shown}'`;
}

function asciiLower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}

/** The number formed by `count` ASCII digits, or -1 if any is not a digit. */
function digits(buf: Buffer, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Unicode code points in UTF-8 bytes: every byte that is not a continuation byte. */
function characterCount(buf: Buffer, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((buf[i] & 0xc0) !== 0x80) count++;
  return count;
}

export type CoercedValue =
  | { readonly ok: true; readonly value: string | null }
  | { readonly ok: false; readonly reason: string };

/**
 * Types one value as staging stores it (trimmed; empty = NULL; domain values in canonical
 * spelling) or says why it is rejected. The staging hot path uses FieldCoercer directly.
 */
export function coerceValue(column: ColumnSpec, raw: string): CoercedValue {
  const buf = Buffer.from(raw, 'utf8');
  let start = 0;
  let end = buf.length;
  while (start < end && isAsciiSpace(buf[start])) start++;
  while (end > start && isAsciiSpace(buf[end - 1])) end--;
  if (start === end) {
    return column.required
      ? { ok: false, reason: `${column.name}: a value is required` }
      : { ok: true, value: null };
  }
  const slot: CoercionSlot = { text: '', num: 0 };
  const code = new FieldCoercer(column).coerce(buf, start, end, slot);
  if (code === FIELD_INVALID) return { ok: false, reason: slot.text };
  return {
    ok: true,
    value: code === FIELD_CANONICAL ? slot.text : buf.toString('utf8', start, end),
  };
}
