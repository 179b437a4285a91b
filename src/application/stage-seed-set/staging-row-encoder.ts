import { CsvRecord, FIELD_QUOTED } from '../../domain/staging/csv-tokenizer';
import { FIELD_CANONICAL, FIELD_OK } from '../../domain/staging/field-coercer';
import { RecordTyper } from '../../domain/staging/record-typer';
import { CopyChunkWriter } from './copy-chunk-writer';
import { csvValue } from './copy-csv';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Turns typed records into COPY CSV rows for `staging.<entity>`. The COPY column list follows
 * the file's header order, so a clean record is copied byte for byte behind its
 * `load_id,source_line,` prefix; only records with values to re-spell, trim or NULL (and files
 * with columns the contract does not name, which go to `extra` as JSON) are rewritten.
 */
export class StagingRowEncoder {
  /** Staging columns the COPY rows fill, in order. */
  readonly columns: readonly string[];
  private readonly prefix: Buffer;
  private readonly unknownKeys: readonly string[];

  constructor(
    loadId: number,
    private readonly typer: RecordTyper,
    private readonly writer: CopyChunkWriter,
  ) {
    const known = typer.header.columns.flatMap((c) => (c ? [c.name] : []));
    this.columns = [
      'load_id',
      'source_line',
      ...(typer.hasUnknownColumns ? ['extra'] : []),
      ...known,
    ];
    this.prefix = Buffer.from(`${loadId},`, 'latin1');
    this.unknownKeys = typer.header.names.map((name) => JSON.stringify(name));
  }

  /** Appends the record the typer has just typed successfully. */
  write(record: CsvRecord): void {
    const writer = this.writer;
    const length = record.end - record.start;
    if (this.typer.verbatim && !this.typer.hasUnknownColumns) {
      writer.reserve(this.prefix.length + 12 + length);
      writer.bytes(this.prefix, 0, this.prefix.length);
      writer.uint(record.line);
      writer.byte(COMMA);
      writer.bytes(record.buf, record.start, record.end);
      writer.byte(LF);
      return;
    }
    this.rewrite(record, length);
  }

  /** Field by field: clean fields as read, the others from the typer's canonical text. */
  private rewrite(record: CsvRecord, length: number): void {
    const { codes, texts, coercers } = this.typer;
    const extra = this.typer.hasUnknownColumns ? csvValue(this.extraJson()) : '';
    let bound = this.prefix.length + 16 + length + 3 * extra.length;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === FIELD_CANONICAL) bound += 6 * texts[i].length + 2;
    }
    const writer = this.writer;
    writer.reserve(bound);
    writer.bytes(this.prefix, 0, this.prefix.length);
    writer.uint(record.line);
    if (this.typer.hasUnknownColumns) {
      writer.byte(COMMA);
      writer.text(extra);
    }
    for (let i = 0; i < codes.length; i++) {
      if (coercers[i] === null) continue;
      writer.byte(COMMA);
      const code = codes[i];
      if (code === FIELD_OK) {
        const quoted = (record.flags[i] & FIELD_QUOTED) !== 0;
        if (quoted) writer.byte(QUOTE);
        writer.bytes(record.buf, record.fieldStart[i], record.fieldEnd[i]);
        if (quoted) writer.byte(QUOTE);
      } else if (code === FIELD_CANONICAL) {
        writer.text(csvValue(texts[i]));
      }
      // FIELD_NULL: an empty unquoted field.
    }
    writer.byte(LF);
  }

  /** The columns the contract does not name, as a JSON object {header: value or null}. */
  private extraJson(): string {
    const { codes, texts, coercers } = this.typer;
    const pairs: string[] = [];
    for (let i = 0; i < codes.length; i++) {
      if (coercers[i] !== null) continue;
      const value = codes[i] === FIELD_CANONICAL ? JSON.stringify(texts[i]) : 'null';
      pairs.push(`${this.unknownKeys[i]}:${value}`);
    }
    return `{${pairs.join(',')}}`;
  }
}
