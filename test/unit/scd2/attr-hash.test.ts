import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  attrHashHex,
  AttrKind,
  canonicalDecimal,
  encodeAttrs,
  normalizeAttr,
} from '../../../src/domain/scd2';

/** Reads a composite literal back (as PostgreSQL's record_in does): proves the encoding injective. */
function decode(literal: string): (string | null)[] {
  expect(literal.startsWith('(') && literal.endsWith(')'), literal).to.equal(true);
  const body = literal.slice(1, -1);
  const values: (string | null)[] = [];
  let i = 0;
  for (;;) {
    if (body[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const ch = body[i];
        if (ch === undefined) throw new Error(`unterminated quote in ${literal}`);
        if ((ch === '"' || ch === '\\') && body[i + 1] === ch) {
          value += ch;
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      values.push(value);
    } else {
      let end = body.indexOf(',', i);
      if (end < 0) end = body.length;
      values.push(end === i ? null : body.slice(i, end));
      i = end;
    }
    if (i >= body.length) return values;
    expect(body[i]).to.equal(',');
    i++;
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('attr_hash encoding', () => {
  it('keeps NULL, empty string and delimiter-bearing values apart', () => {
    expect(encodeAttrs([null])).to.equal('()');
    expect(encodeAttrs([''])).to.equal('("")');
    expect(encodeAttrs([null, null])).to.equal('(,)');
    expect(encodeAttrs(['', null])).to.equal('("",)');
    expect(encodeAttrs(['a|b', 'c'])).to.equal('(a|b,c)');
    expect(encodeAttrs(['a', 'b|c'])).to.equal('(a,b|c)');
    expect(encodeAttrs(['a,b', 'c'])).to.equal('("a,b",c)');
    expect(encodeAttrs(['a', 'b,c'])).to.equal('(a,"b,c")');
    expect(encodeAttrs(['say "hi"', 'C:\\dir', 'two words', '(x)'])).to.equal(
      '("say ""hi""","C:\\\\dir","two words","(x)")',
    );
  });

  it("gives different hashes where coalesce(x, '') || '|' || … collided", () => {
    const kinds: AttrKind[] = ['text', 'text'];
    const old = (values: (string | null)[]): string => values.map((v) => v ?? '').join('|');
    const collisions: Array<[(string | null)[], (string | null)[]]> = [
      [
        [null, 'x'],
        ['', 'x'],
      ],
      [
        ['a|b', 'c'],
        ['a', 'b|c'],
      ],
      [
        [null, ''],
        ['', null],
      ],
      [
        ['|', null],
        [null, '|'],
      ],
    ];
    for (const [left, right] of collisions) {
      expect(old(left), 'the old scheme collides').to.equal(old(right));
      expect(attrHashHex(kinds, left), JSON.stringify(left)).to.not.equal(
        attrHashHex(kinds, right),
      );
    }
  });

  it('reads back every value list it encodes (random lists over the delimiters)', () => {
    const alphabet = ['', 'a', ',', '"', '\\', '(', ')', ' ', '\t', '\n', 'N', '|', ':', 'é', '😀'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const seen = new Map<string, string>();
    for (let round = 0; round < 3000; round++) {
      const values = Array.from({ length: 1 + random(4) }, () =>
        random(5) === 0
          ? null
          : Array.from({ length: random(4) }, () => alphabet[random(alphabet.length)]).join(''),
      );
      const literal = encodeAttrs(values);
      expect(decode(literal), literal).to.deep.equal(values);
      const earlier = seen.get(literal);
      if (earlier !== undefined) expect(earlier).to.equal(JSON.stringify(values));
      seen.set(literal, JSON.stringify(values));
    }
  });

  it('normalizes values as PostgreSQL prints them', () => {
    expect(normalizeAttr('numeric', '1.50')).to.equal('1.5');
    expect(normalizeAttr('numeric', 1.5)).to.equal('1.5');
    expect(normalizeAttr('numeric', '0012.000')).to.equal('12');
    expect(normalizeAttr('numeric', '-0.00')).to.equal('0');
    expect(normalizeAttr('numeric', '-.50')).to.equal('-0.5');
    expect(canonicalDecimal('6300')).to.equal('6300');
    expect(normalizeAttr('integer', '007')).to.equal('7');
    expect(normalizeAttr('integer', 2024)).to.equal('2024');
    expect(normalizeAttr('boolean', true)).to.equal('t');
    expect(normalizeAttr('boolean', false)).to.equal('f');
    expect(normalizeAttr('date', '2024-02-29')).to.equal('2024-02-29');
    expect(normalizeAttr('date', new Date('2024-02-29T23:30:00Z'))).to.equal('2024-02-29');
    expect(normalizeAttr('text', ' keeps spaces ')).to.equal(' keeps spaces ');
    expect(normalizeAttr('text', null)).to.equal(null);
    expect(normalizeAttr('date', undefined)).to.equal(null);
  });

  it('refuses values of the wrong kind with a message', () => {
    expect(() => normalizeAttr('text', 5)).to.throw(TypeError, 'text value expected, got number');
    expect(() => normalizeAttr('date', '02/29/2024')).to.throw(
      TypeError,
      "date value 'YYYY-MM-DD' expected, got 02/29/2024",
    );
    expect(() => normalizeAttr('numeric', 1e-7)).to.throw(
      TypeError,
      'numeric value 1e-7 must be given as a decimal string',
    );
    expect(() => normalizeAttr('numeric', '1,5')).to.throw(
      TypeError,
      "'1,5' is not a plain decimal number",
    );
    expect(() => normalizeAttr('integer', 1.5)).to.throw(
      TypeError,
      'integer value expected, got 1.5',
    );
    expect(() => attrHashHex(['text'], ['a', 'b'])).to.throw(
      RangeError,
      '1 driver kinds but 2 values',
    );
  });

  it('hashes the UTF-8 bytes of the literal with SHA-256', () => {
    const kinds: AttrKind[] = ['text', 'integer', 'boolean', 'numeric', 'date', 'text', 'text'];
    const values = ['Zoë', 42, true, '336.20', '2024-01-02', null, ''];
    expect(encodeAttrs(values.map((v, i) => normalizeAttr(kinds[i] as AttrKind, v)))).to.equal(
      '(Zoë,42,t,336.2,2024-01-02,,"")',
    );
    expect(attrHashHex(kinds, values)).to.equal(sha256('(Zoë,42,t,336.2,2024-01-02,,"")'));
  });
});
