/** Where a seed set is written: a folder of CSV files plus JSON side files (the manifest). */

/** One written file, as reported in the manifest and the generator's result. */
export interface WrittenFile {
  readonly file: string;
  /** Data lines (the header excluded). */
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  /** Wall time between opening and closing the file. */
  readonly seconds: number;
}

/**
 * A CSV file being written. Records are written already encoded (RFC 4180, no line break);
 * the sink adds the line break, buffers, hashes and honours the stream's backpressure: when
 * `needsDrain` is true the caller awaits `drain()` before writing more.
 */
export interface SeedFileSink {
  readonly file: string;
  /** Data lines written so far; the next record lands on physical line `rows + 2`. */
  readonly rows: number;
  readonly needsDrain: boolean;
  writeRecord(encodedRecord: string): void;
  /** Appends UTF-8 bytes holding `rows` complete records (each ending in `\n`). */
  writeEncoded(bytes: Uint8Array, rows: number): void;
  drain(): Promise<void>;
  close(): Promise<WrittenFile>;
}

export interface SeedSetTarget {
  /** Final folder path once committed. */
  readonly path: string;
  /** Opens a CSV file and writes its header line. */
  openCsv(file: string, header: readonly string[]): Promise<SeedFileSink>;
  /** Writes a JSON file (pretty-printed, stable key order as given, trailing newline). */
  writeJson(file: string, value: unknown): Promise<void>;
  /** Moves the finished seed set into place (a half-written set is never visible). */
  commit(): Promise<void>;
  /** Removes everything written so far. */
  abort(): Promise<void>;
}

export interface SeedSetWriterPort {
  /** Prepares `<outDir>/<folderName>`; refuses when that folder already exists and is not empty. */
  create(outDir: string, folderName: string): Promise<SeedSetTarget>;
}
