import { createHash } from 'node:crypto';

/**
 * The change-driver hash (`attr_hash`), defined once here and mirrored by the SQL the SCD2
 * repository generates (a test checks both give the same bytes on both engines).
 *
 * Each driver value is normalized to text by its kind, then the values, in hash order, are
 * written as a PostgreSQL composite literal — exactly what `ROW(v1, …, vn)::text` prints:
 * `(v1,v2,…)`, where NULL is nothing at all, an empty string is `""`, and a value holding a
 * comma, parenthesis, double quote, backslash or white space is double-quoted with its quotes
 * and backslashes doubled. The literal reads back unambiguously (`record_in`), so NULL, `''`
 * and values containing the delimiter never collide — unlike `coalesce(x, '') || '|' || …`,
 * where NULL = '' and `a|b` + `c` = `a` + `b|c`. `attr_hash` = SHA-256 of its UTF-8 bytes.
 * (PostgreSQL builds the literal in one C call; a length-prefixed `||` chain cost ~4x the CPU.)
 */
export type AttrKind = 'text' | 'integer' | 'numeric' | 'boolean' | 'date';

export type AttrValue = string | number | bigint | boolean | Date | null | undefined;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Canonical decimal text, as PostgreSQL prints `trim_scale(x)`: no trailing fraction zeros. */
export function canonicalDecimal(text: string): string {
  const match = DECIMAL.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new TypeError(`'${text}' is not a plain decimal number`);
  }
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const digits = fraction ? `${whole}.${fraction}` : whole;
  const zero = /^0(\.0*)?$/.test(digits);
  return match[1] === '-' && !zero ? `-${digits}` : digits;
}

/** Normalized text of one value (NULL stays null), by the kind of its column. */
export function normalizeAttr(kind: AttrKind, value: AttrValue): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      if (typeof value !== 'string')
        throw new TypeError(`text value expected, got ${typeof value}`);
      return value;
    case 'integer':
      if (typeof value === 'number' && !Number.isSafeInteger(value)) {
        throw new TypeError(`integer value expected, got ${value}`);
      }
      if (typeof value === 'boolean' || value instanceof Date) {
        throw new TypeError(`integer value expected, got ${typeof value}`);
      }
      return BigInt(typeof value === 'string' ? value.trim() : value).toString();
    case 'numeric':
      if (typeof value === 'number') {
        // Exponent forms (1e-7) are not decimal text; pass such values as strings.
        if (!Number.isFinite(value) || /e/i.test(String(value))) {
          throw new TypeError(`numeric value ${value} must be given as a decimal string`);
        }
        return canonicalDecimal(String(value));
      }
      if (typeof value === 'bigint') return value.toString();
      if (typeof value !== 'string')
        throw new TypeError(`numeric value expected, got ${typeof value}`);
      return canonicalDecimal(value);
    case 'boolean':
      if (typeof value !== 'boolean')
        throw new TypeError(`boolean value expected, got ${typeof value}`);
      // As PostgreSQL prints a boolean.
      return value ? 't' : 'f';
    case 'date':
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (typeof value !== 'string' || !ISO_DATE.test(value)) {
        throw new TypeError(`date value 'YYYY-MM-DD' expected, got ${String(value)}`);
      }
      return value;
  }
}

/** Characters that make PostgreSQL's record output quote a value (its isspace() included). */
const NEEDS_QUOTES = /[",\\() \t\n\r\v\f]/;

/** One field of a composite literal: nothing for NULL, quoted when needed. */
function field(value: string | null): string {
  if (value === null) return '';
  if (value !== '' && !NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/["\\]/g, (c) => c + c)}"`;
}

/** The hash input: the normalized values as a composite literal `(v1,v2,…)` (see above). */
export function encodeAttrs(normalized: readonly (string | null)[]): string {
  return `(${normalized.map(field).join(',')})`;
}

/** `attr_hash` of driver values given in hash order with their kinds, as lowercase hex. */
export function attrHashHex(kinds: readonly AttrKind[], values: readonly AttrValue[]): string {
  if (kinds.length !== values.length) {
    throw new RangeError(`${kinds.length} driver kinds but ${values.length} values`);
  }
  const input = encodeAttrs(values.map((v, i) => normalizeAttr(kinds[i] as AttrKind, v)));
  return createHash('sha256').update(input, 'utf8').digest('hex');
}
