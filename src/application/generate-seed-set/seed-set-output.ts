/** The five CSV files of a seed set being written, with their messy-row bookkeeping. */
import { SEED_FILES } from '../../domain/seed-contract';
import { MessyFileReport, MessyInjector, emptyMessyReport, recordMessy } from './model/messy-rows';
import { BlockFileOutput } from './model/member-block';
import { SeedFileSink, SeedSetTarget, WrittenFile } from './ports/seed-set-writer.port';
import { ManifestFileEntry } from './seed-set-manifest';

export class SeedSetOutput {
  private constructor(
    private readonly sinks: ReadonlyMap<string, SeedFileSink>,
    private readonly reports: ReadonlyMap<string, MessyFileReport> | undefined,
  ) {}

  /** Opens every file of the contract with its full header (required and optional columns). */
  static async open(target: SeedSetTarget, messy: boolean): Promise<SeedSetOutput> {
    const sinks = new Map<string, SeedFileSink>();
    for (const spec of SEED_FILES)
      sinks.set(
        spec.file,
        await target.openCsv(
          spec.file,
          spec.columns.map((c) => c.name),
        ),
      );
    const reports = messy
      ? new Map(SEED_FILES.map((s) => [s.file, emptyMessyReport(s.file)]))
      : undefined;
    return new SeedSetOutput(sinks, reports);
  }

  sink(file: string): SeedFileSink {
    const sink = this.sinks.get(file);
    if (!sink) throw new Error(`No open file ${file}`);
    return sink;
  }

  /** Writes one record (and the messy record the injector may add after it). */
  async write(file: string, record: string, injector?: MessyInjector): Promise<void> {
    const sink = this.sink(file);
    const row = sink.rows;
    sink.writeRecord(record);
    const damaged = injector?.after(record, row);
    if (damaged !== undefined) sink.writeRecord(damaged);
    if (sink.needsDrain) await sink.drain();
  }

  /** Records the injector's entries (rows counted from the start of the file). */
  recordInjector(injector: MessyInjector | undefined, rowBase = 0): void {
    const report = injector && this.reports?.get(injector.file);
    if (report && injector) recordMessy(report, injector.entries, rowBase);
  }

  /** Appends a block of records generated elsewhere (another thread, a block generator). */
  async writeBlock(file: string, block: BlockFileOutput): Promise<void> {
    const sink = this.sink(file);
    const base = sink.rows;
    sink.writeEncoded(block.bytes, block.rows);
    const report = this.reports?.get(file);
    if (report) recordMessy(report, block.messy, base);
    if (sink.needsDrain) await sink.drain();
  }

  async close(): Promise<WrittenFile[]> {
    const written: WrittenFile[] = [];
    for (const spec of SEED_FILES) written.push(await this.sink(spec.file).close());
    for (const w of written) {
      const report = this.reports?.get(w.file);
      if (report) {
        const messyRows =
          Object.values(report.rejects).reduce((a, b) => a + b, 0) +
          Object.values(report.breaches).reduce((a, b) => a + b, 0);
        report.clean_rows = w.rows - messyRows;
      }
    }
    return written;
  }

  messyReports(): Record<string, MessyFileReport> | undefined {
    return this.reports ? Object.fromEntries(this.reports) : undefined;
  }
}

export function manifestFiles(written: readonly WrittenFile[]): Record<string, ManifestFileEntry> {
  return Object.fromEntries(written.map((w) => [w.file, { rows: w.rows, sha256: w.sha256 }]));
}
