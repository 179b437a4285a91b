import { CsvRecord } from '../../domain/staging/csv-tokenizer';
import { RecordIssue } from '../../domain/staging/record-typer';
import { csvNullable, csvValue } from './copy-csv';

/** staging.rejects.raw_text keeps at most this many characters of a record. */
export const RAW_TEXT_MAX_CHARS = 10_000;
/** Flush to the database before holding more than this many rejects or characters. */
const MAX_ROWS = 5_000;
const MAX_CHARS = 4 * 1024 * 1024;

/**
 * Rejected records waiting to be copied into staging.rejects, bounded so that a file where
 * every line fails still loads in constant memory: when `full`, staging pauses its COPY,
 * flushes the rejects and resumes.
 */
export class RejectBuffer {
  /** Rejected records per column named first in the reason ('(record)' for whole records). */
  readonly byColumn = new Map<string, number>();
  private rows: string[] = [];
  private chars = 0;

  constructor(
    private readonly loadId: number,
    private readonly file: string,
  ) {}

  get count(): number {
    return this.rows.length;
  }

  get full(): boolean {
    return this.rows.length >= MAX_ROWS || this.chars >= MAX_CHARS;
  }

  add(record: CsvRecord, issues: readonly RecordIssue[]): void {
    const column = issues[0]?.column ?? null;
    const reason = issues.map((i) => i.reason).join('; ');
    let raw = record.rawText();
    if (raw.length > RAW_TEXT_MAX_CHARS) raw = raw.slice(0, RAW_TEXT_MAX_CHARS);
    // PostgreSQL text cannot hold NUL; the reason already says the record had one.
    if (record.hasNul) raw = raw.replace(/\0/g, '\uFFFD');
    const row = `${this.loadId},${csvValue(this.file)},${record.line},${csvNullable(column)},${csvNullable(reason)},${csvNullable(raw)}\n`;
    this.rows.push(row);
    this.chars += row.length;
    const key = column ?? '(record)';
    this.byColumn.set(key, (this.byColumn.get(key) ?? 0) + 1);
  }

  /** The buffered rows as one COPY CSV chunk; the buffer is empty afterwards. */
  drain(): Buffer {
    const chunk = Buffer.from(this.rows.join(''), 'utf8');
    this.rows = [];
    this.chars = 0;
    return chunk;
  }
}
