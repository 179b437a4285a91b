import { isUtf8 } from 'node:buffer';
import { SeedFileSpec } from '../seed-contract';
import { CROSS_FIELD_RULES, CrossFieldRule, ymdNumber, ymdText } from './cross-field-rules';
import { CsvRecord, FIELD_BARE_QUOTE, FIELD_DOUBLED_QUOTES } from './csv-tokenizer';
import {
  CoercionSlot,
  describeValue,
  FIELD_CANONICAL,
  FIELD_INVALID,
  FIELD_NULL,
  FIELD_OK,
  FieldCoercer,
  isAsciiSpace,
  KIND_FREE_TEXT,
} from './field-coercer';
import { HeaderMapping } from './header-mapping';

/** Why a record cannot be staged; `column` is null when the whole record failed. */
export interface RecordIssue {
  readonly column: string | null;
  readonly reason: string;
}

const NO_ISSUES: readonly RecordIssue[] = Object.freeze([]);

interface BoundRule {
  readonly rule: CrossFieldRule;
  readonly position: number;
  readonly otherPosition: number;
}

/**
 * Types the records of one file against the contract, field by field, without building
 * strings for values that are already clean. After `type(record)` the per-position results
 * tell the COPY writer what to emit: FIELD_OK (the field's bytes as read), FIELD_NULL,
 * FIELD_CANONICAL (`texts[i]`); for columns the contract does not name `texts[i]` is the
 * trimmed value (or the position is FIELD_NULL). `verbatim` says the whole record can be
 * copied as read.
 */
export class RecordTyper {
  readonly fieldCount: number;
  readonly hasUnknownColumns: boolean;
  readonly coercers: readonly (FieldCoercer | null)[];
  readonly codes: Uint8Array;
  readonly texts: string[];
  /** Problems of the last record typed (empty when it typed); a new array per record. */
  issues: readonly RecordIssue[] = NO_ISSUES;
  /** The last record needs no rewriting: every field goes to COPY as it was read. */
  verbatim = false;
  /** Domain values re-spelled to the contract's spelling (e.g. APPROVED → approved). */
  respelledValues = 0;
  /** Values that carried surrounding white space or a stray quote. */
  trimmedValues = 0;

  private readonly nums: Float64Array;
  /** Coercer kind per position; unknown columns are -1. */
  private readonly kinds: Int8Array;
  private readonly slot: CoercionSlot = { text: '', num: 0 };
  private readonly rules: readonly BoundRule[];
  private readonly asOfYmd: number;

  constructor(
    spec: SeedFileSpec,
    readonly header: HeaderMapping,
    asOf: Date,
  ) {
    this.fieldCount = header.names.length;
    this.hasUnknownColumns = header.unknown.length > 0;
    this.coercers = header.columns.map((c) => (c ? new FieldCoercer(c) : null));
    this.codes = new Uint8Array(this.fieldCount);
    this.texts = new Array<string>(this.fieldCount).fill('');
    this.nums = new Float64Array(this.fieldCount);
    this.kinds = Int8Array.from(this.coercers, (c) => (c ? c.kind : -1));
    this.asOfYmd = ymdNumber(asOf);
    this.rules = CROSS_FIELD_RULES[spec.entity]
      .map((rule) => ({
        rule,
        position: header.names.indexOf(rule.column),
        otherPosition: rule.kind === 'not-before' ? header.names.indexOf(rule.other) : -1,
      }))
      .filter((b) => b.position >= 0 && (b.rule.kind !== 'not-before' || b.otherPosition >= 0));
  }

  /** Types one record; false when it must be rejected (see `issues`). */
  type(record: CsvRecord): boolean {
    this.issues = NO_ISSUES;
    if (!this.recordIsWellFormed(record)) return false;
    const buf = record.buf;
    const starts = record.fieldStart;
    const ends = record.fieldEnd;
    const flagsOf = record.flags;
    const { codes, texts, nums, coercers, kinds, slot } = this;
    let verbatim = true;
    for (let i = 0; i < this.fieldCount; i++) {
      const start = starts[i];
      const end = ends[i];
      const flags = flagsOf[i];
      let from = start;
      let to = end;
      // Most values have no white space at either end: one comparison per end.
      if (from < to && buf[from] <= 0x20) while (from < to && isAsciiSpace(buf[from])) from++;
      if (from < to && buf[to - 1] <= 0x20) while (to > from && isAsciiSpace(buf[to - 1])) to--;
      const kind = kinds[i];
      if (from === to) {
        codes[i] = FIELD_NULL;
        // A quoted "" or blank field must be written as an unquoted empty field (NULL).
        if (flags !== 0 || end !== start) verbatim = false;
        const coercer = coercers[i];
        if (coercer && coercer.required) {
          this.issue(coercer.column.name, `${coercer.column.name}: a value is required`);
        }
        continue;
      }
      const changed = from !== start || to !== end || (flags & FIELD_BARE_QUOTE) !== 0;
      if (kind === KIND_FREE_TEXT && flags === 0 && !changed) {
        codes[i] = FIELD_OK;
        continue;
      }
      if (changed) this.trimmedValues++;
      const coercer = coercers[i];
      if (!coercer) {
        codes[i] = FIELD_CANONICAL;
        texts[i] = valueText(buf, from, to, flags);
        verbatim = false;
        continue;
      }
      let code: number;
      if ((flags & FIELD_DOUBLED_QUOTES) !== 0) {
        const text = valueText(buf, from, to, flags);
        const bytes = Buffer.from(text, 'utf8');
        code = coercer.coerce(bytes, 0, bytes.length, slot);
        if (code === FIELD_OK && changed) slot.text = text;
      } else {
        code = coercer.coerce(buf, from, to, slot);
        if (code === FIELD_OK && changed) slot.text = buf.toString('utf8', from, to);
      }
      if (code === FIELD_INVALID) {
        codes[i] = FIELD_INVALID;
        this.issue(coercer.column.name, slot.text);
        continue;
      }
      if (code === FIELD_CANONICAL) this.respelledValues++;
      if (code === FIELD_CANONICAL || changed) {
        codes[i] = FIELD_CANONICAL;
        texts[i] = slot.text;
        verbatim = false;
      } else {
        codes[i] = FIELD_OK;
      }
      nums[i] = slot.num;
    }
    if (this.rules.length > 0) this.checkRules();
    this.verbatim = verbatim;
    return this.issues.length === 0;
  }

  /** Quoting, encoding and field count: problems that make every field of the record suspect. */
  private recordIsWellFormed(record: CsvRecord): boolean {
    if (record.unterminatedQuote) {
      const column = this.columnAt(record.count - 1);
      this.issue(
        column,
        `${column ?? 'last field'}: quoted field is not closed before the end of the file`,
      );
    }
    if (record.badQuoteField >= 0) {
      const column = this.columnAt(record.badQuoteField);
      this.issue(
        column,
        `${column ?? `field ${record.badQuoteField + 1}`}: text follows the closing quote`,
      );
    }
    if (record.hasNul) this.issue(null, 'the record contains a NUL byte');
    if (record.nonAscii && !isUtf8(record.buf.subarray(record.start, record.end))) {
      this.issue(null, 'the record is not valid UTF-8');
    }
    if (this.issues.length === 0 && record.count !== this.fieldCount) {
      this.issue(null, `the record has ${record.count} fields, the header has ${this.fieldCount}`);
    }
    return this.issues.length === 0;
  }

  private checkRules(): void {
    for (const { rule, position, otherPosition } of this.rules) {
      if (!isTyped(this.codes[position])) continue;
      const value = this.nums[position];
      const column = this.coercers[position]?.column;
      if (!column) continue;
      if (rule.kind === 'not-after-as-of' && value > this.asOfYmd) {
        this.issue(
          rule.column,
          `${rule.column}: ${describeValue(column, ymdText(value))} is after the seed set as_of ${ymdText(this.asOfYmd)}`,
        );
      } else if (
        rule.kind === 'not-before' &&
        isTyped(this.codes[otherPosition]) &&
        value < this.nums[otherPosition]
      ) {
        this.issue(
          rule.column,
          `${rule.column}: ${describeValue(column, ymdText(value))} is before ${rule.other} ${ymdText(this.nums[otherPosition])}`,
        );
      }
    }
  }

  private columnAt(position: number): string | null {
    return this.header.names[position] ?? null;
  }

  private issue(column: string | null, reason: string): void {
    this.issues = [...this.issues, { column, reason }];
  }
}

function isTyped(code: number): boolean {
  return code === FIELD_OK || code === FIELD_CANONICAL;
}

/** The value of a field's bytes `[from, to)`, with doubled quotes unescaped. */
function valueText(buf: Buffer, from: number, to: number, flags: number): string {
  const text = buf.toString('utf8', from, to);
  return (flags & FIELD_DOUBLED_QUOTES) !== 0 ? text.replace(/""/g, '"') : text;
}
