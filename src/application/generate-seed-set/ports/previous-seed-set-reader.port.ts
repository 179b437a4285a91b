/** Reads an earlier seed set (the `--from` of an incremental one) as streams of records. */

export interface CsvTable {
  /** Header names as written (not normalised). */
  readonly header: readonly string[];
  /**
   * Records in file order, in batches (each record is its list of fields). Memory is bounded
   * by the batch size, whatever the file size.
   */
  batches(): AsyncIterable<readonly (readonly string[])[]>;
}

export interface CsvReadOptions {
  /**
   * Cheap pre-filter on a record's raw text: records for which it returns false are skipped
   * before they are split into fields (e.g. only lines containing `pending`).
   */
  readonly rawFilter?: (rawRecord: string) => boolean;
}

export interface PreviousSeedSetReaderPort {
  /** Parsed `manifest.json` of a seed set folder, or undefined when it has none. */
  readManifest(folder: string): Promise<unknown>;
  /** Folder path `relative` resolves to from `folder` (for the manifest's `previous` pointer). */
  resolve(folder: string, relative: string): string;
  /** Path of `target` relative to `from` (to write a portable `previous` pointer). */
  relative(from: string, target: string): string;
  hasFile(folder: string, file: string): Promise<boolean>;
  openCsv(folder: string, file: string, options?: CsvReadOptions): Promise<CsvTable>;
}
