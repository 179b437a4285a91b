import { isAscii } from 'node:buffer';
import { SeedFileError } from './seed-file-error';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Field flag: the field was enclosed in quotes (its bounds exclude them). */
export const FIELD_QUOTED = 1;
/** Field flag: a quoted field holding doubled quotes (`""`), so its bytes need unescaping. */
export const FIELD_DOUBLED_QUOTES = 2;
/** Field flag: an unquoted field holding a quote character, kept literally. */
export const FIELD_BARE_QUOTE = 4;

const EMPTY = Buffer.alloc(0);
const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** Bytes of the next chunk joined to an unfinished record to complete it. */
const BRIDGE_BYTES = 64 * 1024;

/**
 * One record as the tokenizer found it: byte bounds into `buf`, valid only during the callback
 * that receives it (the object and its arrays are reused for the next record).
 */
export class CsvRecord {
  buf: Buffer = EMPTY;
  /** Bytes of the record, line terminator excluded. */
  start = 0;
  end = 0;
  /** Physical line on which the record starts (header = line 1). */
  line = 0;
  /** Number of fields. */
  count = 0;
  /** Per field: content bounds (inside the quotes for a quoted field) and FIELD_* flags. */
  fieldStart = new Int32Array(64);
  fieldEnd = new Int32Array(64);
  flags = new Uint8Array(64);
  /** Some byte is >= 0x80 (so the record must be checked to be UTF-8). */
  nonAscii = false;
  /** Some byte is NUL, which PostgreSQL text cannot hold. */
  hasNul = false;
  /** Index of a field with text after its closing quote (`"ab"c`), or -1. */
  badQuoteField = -1;
  /** The last field opened a quote that the end of the file never closed. */
  unterminatedQuote = false;

  /** The field's value: unescaped, not trimmed. */
  fieldText(index: number): string {
    const text = this.buf.toString('utf8', this.fieldStart[index], this.fieldEnd[index]);
    return (this.flags[index] & FIELD_DOUBLED_QUOTES) !== 0 ? text.replace(/""/g, '"') : text;
  }

  /** Every field's value, unescaped. */
  fieldTexts(): string[] {
    const texts: string[] = [];
    for (let i = 0; i < this.count; i++) texts.push(this.fieldText(i));
    return texts;
  }

  /** The record as read (quotes and embedded line breaks included, terminator excluded). */
  rawText(): string {
    return this.buf.toString('utf8', this.start, this.end);
  }

  grow(): void {
    const size = this.fieldStart.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    starts.set(this.fieldStart);
    ends.set(this.fieldEnd);
    flags.set(this.flags);
    this.fieldStart = starts;
    this.fieldEnd = ends;
    this.flags = flags;
  }
}

export type RecordCallback = (record: CsvRecord) => void;

export interface CsvTokenizerOptions {
  /** File name for error messages. */
  readonly file: string;
  /** A record longer than this fails the file (an unclosed quote would otherwise swallow it). */
  readonly maxRecordBytes?: number;
}

/**
 * Streaming RFC 4180 tokenizer over bytes: comma-separated, `"`-quoted fields that may hold
 * commas, doubled quotes and line breaks; a UTF-8 byte-order mark is skipped; records end
 * with LF, CRLF or CR. Feed it chunks cut anywhere; it hands back complete records with the
 * physical line each starts on. Blank lines are skipped and counted. It never decodes text,
 * so the caller can copy clean records to COPY byte for byte.
 */
export class CsvTokenizer {
  /** Empty lines skipped (not records). */
  blankLines = 0;
  private pending: Buffer | undefined;
  private line = 1;
  private atStart = true;
  private readonly record = new CsvRecord();
  private readonly maxRecordBytes: number;
  /** Line breaks in the record just scanned, terminator included. */
  private lastBreaks = 0;

  constructor(private readonly options: CsvTokenizerOptions) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  /** Tokenizes what `chunk` completes; an unfinished last record waits for the next chunk. */
  push(chunk: Buffer, onRecord: RecordCallback): void {
    this.scan(chunk, false, onRecord);
  }

  /** End of input: the unfinished last record (no line terminator) is a record too. */
  end(onRecord: RecordCallback): void {
    this.scan(EMPTY, true, onRecord);
  }

  private scan(input: Buffer, final: boolean, onRecord: RecordCallback): void {
    let chunk = input;
    if (this.atStart) {
      // Only a partial byte-order mark can be pending before the first record.
      if (this.pending) chunk = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
      if (!final && chunk.length < 3 && isBomPrefix(chunk)) {
        this.pending = chunk;
        return;
      }
      this.atStart = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
      }
    }
    let pos = 0;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      // Finish the record that crosses the chunk boundary on a small bridge buffer, so
      // a whole chunk is not copied for the sake of one record.
      const head = Math.min(chunk.length, BRIDGE_BYTES);
      let bridge = Buffer.concat([pending, chunk.subarray(0, head)]);
      let stop = this.scanRecords(
        bridge,
        0,
        final && head === chunk.length,
        onRecord,
        pending.length,
      );
      if (stop < pending.length && head < chunk.length) {
        bridge = Buffer.concat([pending, chunk]);
        stop = this.scanRecords(bridge, stop, final, onRecord, pending.length);
      }
      if (stop < pending.length) {
        this.keep(bridge, stop);
        return;
      }
      pos = stop - pending.length;
    }
    const stop = this.scanRecords(chunk, pos, final, onRecord, chunk.length);
    if (stop < chunk.length) this.keep(chunk, stop);
  }

  /** Keeps the unfinished record at `buf[from…]` for the next chunk. */
  private keep(buf: Buffer, from: number): void {
    if (buf.length - from > this.maxRecordBytes) {
      throw new SeedFileError(
        { file: this.options.file, line: this.line },
        `record is longer than ${this.maxRecordBytes} bytes; is a quoted field left open?`,
      );
    }
    // A copy: the caller may reuse its chunk buffer.
    this.pending = Buffer.from(buf.subarray(from));
  }

  /**
   * Hands complete records from `pos` on to `onRecord` until one is unfinished or a record
   * ends at or after `stopAt`; returns where it stopped. A line without quotes, CRs or NULs
   * (found with memchr-speed `indexOf`) is split on commas alone; any other goes through the
   * full RFC 4180 state machine.
   */
  private scanRecords(
    buf: Buffer,
    from: number,
    final: boolean,
    onRecord: RecordCallback,
    stopAt: number,
  ): number {
    const n = buf.length;
    const record = this.record;
    const ascii = isAscii(buf);
    const clean = buf.indexOf(0, from) < 0;
    let nextLf = -1;
    let nextQuote = -1;
    let nextCr = -1;
    let pos = from;
    while (pos < n && pos < stopAt) {
      if (nextLf < pos) nextLf = indexOrEnd(buf, LF, pos);
      if (nextQuote < pos) nextQuote = indexOrEnd(buf, QUOTE, pos);
      if (nextCr < pos) nextCr = indexOrEnd(buf, CR, pos);
      const next =
        clean && nextLf < n && nextQuote > nextLf && (nextCr > nextLf || nextCr === nextLf - 1)
          ? this.splitLine(buf, pos, nextCr === nextLf - 1 ? nextCr : nextLf, ascii)
          : this.scanRecord(buf, pos, final);
      if (next < 0) break;
      if (record.count === 1 && record.start === record.end) {
        this.blankLines++;
      } else {
        record.line = this.line;
        onRecord(record);
      }
      this.line += this.lastBreaks;
      pos = next;
    }
    return pos;
  }

  /**
   * The fast path: a line `[from, end)` known to hold no quote, CR or NUL, ended by LF
   * (or CRLF) at `end`; fields are what lies between commas.
   */
  private splitLine(buf: Buffer, from: number, end: number, ascii: boolean): number {
    const record = this.record;
    let starts = record.fieldStart;
    let ends = record.fieldEnd;
    let count = 0;
    let fieldStart = from;
    let bits = 0;
    for (let i = from; i < end; i++) {
      const b = buf[i];
      if (!ascii) bits |= b;
      if (b === COMMA) {
        if (count === starts.length - 1) {
          record.grow();
          starts = record.fieldStart;
          ends = record.fieldEnd;
        }
        starts[count] = fieldStart;
        ends[count++] = i;
        fieldStart = i + 1;
      }
    }
    starts[count] = fieldStart;
    ends[count++] = end;
    record.flags.fill(0, 0, count);
    record.buf = buf;
    record.start = from;
    record.end = end;
    record.count = count;
    record.nonAscii = bits >= 0x80;
    record.hasNul = false;
    record.badQuoteField = -1;
    record.unterminatedQuote = false;
    this.lastBreaks = 1;
    return buf[end] === CR ? end + 2 : end + 1;
  }

  /**
   * Scans one record starting at `from`; fills `this.record` and returns the position after
   * its terminator, or -1 when the record may continue in the next chunk.
   */
  private scanRecord(buf: Buffer, from: number, final: boolean): number {
    const record = this.record;
    const n = buf.length;
    let starts = record.fieldStart;
    let ends = record.fieldEnd;
    let flagsOf = record.flags;
    let pos = from;
    let count = 0;
    let breaks = 0;
    let nonAscii = false;
    let hasNul = false;
    let badQuote = -1;
    let unterminated = false;
    let recordEnd: number;
    for (;;) {
      if (count === starts.length) {
        record.grow();
        starts = record.fieldStart;
        ends = record.fieldEnd;
        flagsOf = record.flags;
      }
      let flags = 0;
      let fieldStart: number;
      let fieldEnd: number;
      if (pos < n && buf[pos] === QUOTE) {
        flags = FIELD_QUOTED;
        fieldStart = ++pos;
        for (;;) {
          if (pos >= n) {
            if (!final) return -1;
            unterminated = true;
            fieldEnd = n;
            break;
          }
          const b = buf[pos];
          if (b === QUOTE) {
            if (pos + 1 >= n && !final) return -1;
            if (pos + 1 < n && buf[pos + 1] === QUOTE) {
              flags |= FIELD_DOUBLED_QUOTES;
              pos += 2;
              continue;
            }
            fieldEnd = pos++;
            break;
          }
          if (b === LF) breaks++;
          else if (b === CR) {
            if (pos + 1 < n && buf[pos + 1] === LF) pos++;
            breaks++;
          } else if (b >= 0x80) nonAscii = true;
          else if (b === 0) hasNul = true;
          pos++;
        }
        // Only a delimiter or the end of the record may follow a closing quote.
        if (!unterminated && pos < n) {
          let b = buf[pos];
          if (b !== COMMA && b !== LF && b !== CR) {
            if (badQuote < 0) badQuote = count;
            while (pos < n && b !== COMMA && b !== LF && b !== CR) {
              if (b >= 0x80) nonAscii = true;
              else if (b === 0) hasNul = true;
              b = buf[++pos];
            }
          }
        }
      } else {
        fieldStart = pos;
        while (pos < n) {
          const b = buf[pos];
          if (b < 0x2d) {
            if (b === COMMA || b === LF || b === CR) break;
            if (b === QUOTE) flags |= FIELD_BARE_QUOTE;
            else if (b === 0) hasNul = true;
          } else if (b >= 0x80) nonAscii = true;
          pos++;
        }
        fieldEnd = pos;
      }
      starts[count] = fieldStart;
      ends[count] = fieldEnd;
      flagsOf[count] = flags;
      count++;
      if (pos >= n) {
        if (!final) return -1;
        recordEnd = n;
        break;
      }
      const b = buf[pos];
      if (b === COMMA) {
        pos++;
        continue;
      }
      recordEnd = pos;
      if (b === CR) {
        if (pos + 1 >= n && !final) return -1;
        pos += pos + 1 < n && buf[pos + 1] === LF ? 2 : 1;
      } else {
        pos++;
      }
      breaks++;
      break;
    }
    record.buf = buf;
    record.start = from;
    record.end = recordEnd;
    record.count = count;
    record.nonAscii = nonAscii;
    record.hasNul = hasNul;
    record.badQuoteField = badQuote;
    record.unterminatedQuote = unterminated;
    this.lastBreaks = breaks;
    return pos;
  }
}

function indexOrEnd(buf: Buffer, byte: number, from: number): number {
  const at = buf.indexOf(byte, from);
  return at < 0 ? buf.length : at;
}

function isBomPrefix(buf: Buffer): boolean {
  const bom = [0xef, 0xbb, 0xbf];
  for (let i = 0; i < buf.length; i++) if (buf[i] !== bom[i]) return false;
  return true;
}

export interface TokenizedRecord {
  readonly line: number;
  readonly fields: string[];
}

/** Tokenizes a whole input at once (header included); for small inputs and tests. */
export function tokenizeCsv(input: string | Buffer, file = '(inline)'): TokenizedRecord[] {
  const tokenizer = new CsvTokenizer({ file });
  const records: TokenizedRecord[] = [];
  const collect = (r: CsvRecord): void => {
    records.push({ line: r.line, fields: r.fieldTexts() });
  };
  tokenizer.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, collect);
  tokenizer.end(collect);
  return records;
}
