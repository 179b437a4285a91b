import {
  BatchOutcome,
  LoadBatchRecord,
  LoadBatchRepository,
} from '../../../src/application/ports/load-batch-repository.port';
import { LoadMode } from '../../../src/application/run-pipeline/batch-context';
import { PIPELINE_STAGES } from '../../../src/application/run-pipeline/pipeline-options';
import { SeedSet } from '../../../src/domain/seed-set/seed-set';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { FileStageCounts } from '../../../src/application/run-pipeline/stage-results';

/** LoadBatchRepository in memory, for unit tests of the pipeline; kept honest by the contract suite. */
export class InMemoryLoadBatchRepository implements LoadBatchRepository {
  readonly rows: Array<{ -readonly [K in keyof LoadBatchRecord]: LoadBatchRecord[K] }> = [];

  async start(
    seedSet: SeedSet,
    mode: LoadMode,
    requestedStages: readonly string[],
  ): Promise<number> {
    const loadId = this.rows.length + 1;
    this.rows.push({
      loadId,
      asOf: seedSet.asOf,
      mode,
      source: seedSet.folder,
      status: 'running',
      checksums: Object.fromEntries(seedSet.files.map((f) => [f.name, f.sha256])),
      requestedStages: [...requestedStages],
      error: null,
    });
    return loadId;
  }

  async finish(loadId: number, outcome: BatchOutcome): Promise<void> {
    const row = this.rows.find((r) => r.loadId === loadId);
    if (!row) return;
    row.status = outcome.status;
    row.error = outcome.error ?? null;
    row.checksums = {
      ...row.checksums,
      ...Object.fromEntries(outcome.files.map((f) => [f.file, f.sha256])),
    };
  }

  /** Files recorded inside a batch transaction, by load id (the fake has no transactions). */
  readonly recordedFiles = new Map<number, readonly FileStageCounts[]>();

  async recordFiles(
    _session: SqlSession,
    loadId: number,
    files: readonly FileStageCounts[],
  ): Promise<void> {
    this.recordedFiles.set(loadId, files);
  }

  async latestLoaded(): Promise<LoadBatchRecord | null> {
    const loaded = this.loaded().sort(
      (a, b) => b.asOf.getTime() - a.asOf.getTime() || b.loadId - a.loadId,
    );
    return loaded[0] ?? null;
  }

  async findLoadedWithChecksums(
    checksums: Readonly<Record<string, string>>,
  ): Promise<LoadBatchRecord | null> {
    const wanted = Object.entries(checksums);
    if (wanted.length === 0) return null;
    const match = this.loaded()
      .sort((a, b) => b.loadId - a.loadId)
      .find((r) => wanted.every(([name, sha]) => r.checksums[name] === sha));
    return match ?? null;
  }

  async failAbandoned(reason: string): Promise<number> {
    const running = this.rows.filter((r) => r.status === 'running');
    for (const row of running) {
      row.status = 'failed';
      row.error = reason;
    }
    return running.length;
  }

  async hasLoadedData(): Promise<boolean> {
    return this.rows.some((r) => r.status === 'succeeded');
  }

  private loaded(): LoadBatchRecord[] {
    return this.rows.filter(
      (r) =>
        r.status === 'succeeded' && PIPELINE_STAGES.every((s) => r.requestedStages.includes(s)),
    );
  }
}
