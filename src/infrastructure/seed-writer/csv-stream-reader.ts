import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { splitCsvRecord } from '../../application/generate-seed-set/csv-encoding';
import {
  CsvReadOptions,
  CsvTable,
} from '../../application/generate-seed-set/ports/previous-seed-set-reader.port';

/**
 * Streams RFC 4180 records out of a file in batches: a record ends at a line break outside
 * quotes (quoted fields may hold commas, doubled quotes and line breaks); CRLF and a UTF-8 BOM
 * are accepted. Only the current 1 MB chunk and the partial record at its end are held in memory.
 */
async function* recordBatches(path: string, options: CsvReadOptions): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let first = true;
  let header = true;
  let batch: string[][] = [];
  const emit = (record: string): void => {
    if (header) {
      header = false;
      batch.push(splitCsvRecord(record));
      return;
    }
    if (options.rawFilter && !options.rawFilter(record)) return;
    batch.push(record.indexOf('"') < 0 ? record.split(',') : splitCsvRecord(record));
  };
  const scan = (text: string, final: boolean): string => {
    let start = 0;
    let from = 0;
    let inQuotes = false;
    let nextQuote = text.indexOf('"');
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      while (nextQuote >= 0 && nextQuote < nl) {
        inQuotes = !inQuotes;
        nextQuote = text.indexOf('"', nextQuote + 1);
      }
      from = nl + 1;
      if (inQuotes) continue;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      emit(text.slice(start, end));
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (final && rest.length > 0) {
      emit(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
      return '';
    }
    return rest;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let text = carry + decoder.write(chunk as Buffer);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    carry = scan(text, false);
    // One batch per chunk: the records' strings share the chunk's text, so handing them on at
    // once lets the chunk go (memory stays at about one chunk whatever the filter keeps).
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  scan(carry + decoder.end(), true);
  if (batch.length > 0) yield batch;
}

/** Opens a CSV file: reads its header, then streams the remaining records in batches. */
export async function openCsvTable(path: string, options: CsvReadOptions = {}): Promise<CsvTable> {
  const iterator = recordBatches(path, options);
  const first = await iterator.next();
  if (first.done || first.value.length === 0) return { header: [], batches: async function* () {} };
  const [headerRecord, ...rest] = first.value;
  return {
    header: headerRecord,
    batches: async function* () {
      if (rest.length > 0) yield rest;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
}
