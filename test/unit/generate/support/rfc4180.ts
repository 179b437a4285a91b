/**
 * A small, independent RFC 4180 reader for tests: parses a whole file into records, each with
 * the physical line it starts on. Quoted fields may hold commas, doubled quotes and line
 * breaks; CRLF and a BOM are accepted.
 */
export interface ParsedRecord {
  readonly line: number;
  readonly fields: string[];
}

export function parseCsv(text: string): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let recordLine = 1;
  let fieldStarted = false;
  const endField = (): void => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted && field === '') {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' && text[i + 1] === '\n') {
      // CRLF: the \n ends the record
    } else if (c === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Header plus data records as objects keyed by column name. */
export function readTable(text: string): {
  header: string[];
  rows: { line: number; values: Record<string, string>; fields: string[] }[];
} {
  const [head, ...data] = parseCsv(text);
  const header = head.fields;
  return {
    header,
    rows: data.map((r) => ({
      line: r.line,
      fields: r.fields,
      values: Object.fromEntries(header.map((h, k) => [h, r.fields[k] ?? ''])),
    })),
  };
}
