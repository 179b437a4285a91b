/**
 * A deliberately plain RFC 4180 reader for tests: the whole input at once, one byte at a time,
 * no chunking and no fast paths. The staging tokenizer is optimized (memchr line splitting,
 * bridge buffers across chunks); this reader follows the contract's rules the simple way, so
 * the two can be compared record by record and line by line.
 *
 * Rules (contract/seed-csv.md, as the tokenizer documents them): a UTF-8 byte-order mark is
 * skipped; records end with LF, CRLF or CR outside quotes; a field starting with `"` is quoted
 * (`""` inside is one quote; line breaks inside count as physical lines); text after a closing
 * quote runs to the next delimiter; a quote inside an unquoted field is literal; an empty line
 * is not a record; an open quote at the end of the input ends the last record.
 */
export interface ReferenceRecord {
  /** Physical line the record starts on (the header is line 1). */
  readonly line: number;
  /** Field values, doubled quotes unescaped, not trimmed. */
  readonly fields: readonly string[];
  /** The record's bytes as read, line terminator excluded. */
  readonly raw: Buffer;
  /** A quote was left open at the end of the input, or text followed a closing quote. */
  readonly malformedQuotes: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export function referenceRecords(input: Buffer): ReferenceRecord[] {
  let pos = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const n = input.length;
  const records: ReferenceRecord[] = [];
  let line = 1;
  /** Consumes a line break at `pos` (CRLF counts once); true if there was one. */
  const lineBreak = (): boolean => {
    if (input[pos] === CR) {
      pos += input[pos + 1] === LF ? 2 : 1;
      return true;
    }
    if (input[pos] === LF) {
      pos += 1;
      return true;
    }
    return false;
  };
  while (pos < n) {
    const start = pos;
    const startLine = line;
    if (lineBreak()) {
      line++;
      continue; // an empty line is not a record
    }
    const fields: string[] = [];
    let malformedQuotes = false;
    for (;;) {
      const bytes: number[] = [];
      if (input[pos] === QUOTE) {
        pos++;
        for (;;) {
          if (pos >= n) {
            malformedQuotes = true; // open quote at the end of the input
            break;
          }
          if (input[pos] === QUOTE) {
            if (input[pos + 1] === QUOTE) {
              bytes.push(QUOTE);
              pos += 2;
              continue;
            }
            pos++;
            const next = input[pos];
            if (pos < n && next !== COMMA && next !== CR && next !== LF) malformedQuotes = true;
            break;
          }
          if (input[pos] === CR || input[pos] === LF) {
            const at = pos;
            lineBreak();
            for (let i = at; i < pos; i++) bytes.push(input[i] as number);
            line++;
            continue;
          }
          bytes.push(input[pos++] as number);
        }
      }
      // Unquoted text, or text after a closing quote, up to the next delimiter.
      while (pos < n && input[pos] !== COMMA && input[pos] !== CR && input[pos] !== LF) {
        bytes.push(input[pos++] as number);
      }
      fields.push(Buffer.from(bytes).toString('utf8'));
      if (pos < n && input[pos] === COMMA) {
        pos++;
        continue;
      }
      break;
    }
    const end = pos;
    if (lineBreak()) line++;
    records.push({ line: startLine, fields, raw: input.subarray(start, end), malformedQuotes });
  }
  return records;
}
