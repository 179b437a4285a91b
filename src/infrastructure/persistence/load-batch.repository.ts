import { inject, injectable } from 'tsyringe';
import { SeedSet } from '../../domain/seed-set/seed-set';
import {
  BatchOutcome,
  BatchStatus,
  LoadBatchRecord,
  LoadBatchRepository,
} from '../../application/ports/load-batch-repository.port';
import { SQL_DATABASE, SqlDatabase, SqlSession } from '../../application/ports/sql-database.port';
import { FileStageCounts } from '../../application/run-pipeline/stage-results';
import { LoadMode } from '../../application/run-pipeline/batch-context';
import { PIPELINE_STAGES } from '../../application/run-pipeline/pipeline-options';

interface BatchRow extends Record<string, unknown> {
  load_id: number;
  as_of: Date;
  mode: LoadMode;
  source: string;
  status: BatchStatus;
  files: Record<string, { sha256?: string }>;
  stages: { requested?: string[] };
  error: string | null;
}

const COLUMNS = `load_id, as_of, mode, source, status, files, stages, error`;

/** A batch counts as loaded when it succeeded and ran every stage. */
const LOADED = `status = 'succeeded' AND stages -> 'requested' @> '${JSON.stringify(PIPELINE_STAGES)}'::jsonb`;

function toRecord(row: BatchRow): LoadBatchRecord {
  return {
    loadId: row.load_id,
    asOf: row.as_of,
    mode: row.mode,
    source: row.source,
    status: row.status,
    checksums: Object.fromEntries(
      Object.entries(row.files).map(([name, f]) => [name, f.sha256 ?? '']),
    ),
    requestedStages: row.stages.requested ?? [],
    error: row.error,
  };
}

/** etl.load_batch through the SqlDatabase port; every write autocommits, outside batch transactions. */
@injectable()
export class SqlLoadBatchRepository implements LoadBatchRepository {
  constructor(@inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async start(
    seedSet: SeedSet,
    mode: LoadMode,
    requestedStages: readonly string[],
  ): Promise<number> {
    const files = Object.fromEntries(
      seedSet.files.map((f) => [f.name, { sha256: f.sha256, bytes: f.bytes }]),
    );
    const rows = await this.db.query<{ load_id: number }>(
      `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source, files, stages)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
       RETURNING load_id`,
      [
        seedSet.asOf.toISOString(),
        mode,
        seedSet.kind,
        seedSet.folder,
        JSON.stringify(files),
        JSON.stringify({ requested: requestedStages }),
      ],
    );
    return rows[0]!.load_id;
  }

  async finish(loadId: number, outcome: BatchOutcome): Promise<void> {
    const files = Object.fromEntries(outcome.files.map((f) => [f.file, f]));
    // Keep the checksums recorded at start for files a failed batch never reached.
    await this.db.execute(
      `UPDATE etl.load_batch
          SET status = $2,
              files = files || $3::jsonb,
              stages = $4::jsonb || jsonb_build_object('requested', stages -> 'requested'),
              error = $5,
              finished_at = now()
        WHERE load_id = $1`,
      [
        loadId,
        outcome.status,
        JSON.stringify(files),
        JSON.stringify(outcome.stages),
        outcome.error ?? null,
      ],
    );
  }

  async recordFiles(
    session: SqlSession,
    loadId: number,
    files: readonly FileStageCounts[],
  ): Promise<void> {
    await session.execute(
      `UPDATE etl.load_batch SET files = files || $2::jsonb WHERE load_id = $1`,
      [loadId, JSON.stringify(Object.fromEntries(files.map((f) => [f.file, f])))],
    );
  }

  async latestLoaded(): Promise<LoadBatchRecord | null> {
    const rows = await this.db.query<BatchRow>(
      `SELECT ${COLUMNS} FROM etl.load_batch WHERE ${LOADED} ORDER BY as_of DESC, load_id DESC LIMIT 1`,
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findLoadedWithChecksums(
    checksums: Readonly<Record<string, string>>,
  ): Promise<LoadBatchRecord | null> {
    if (Object.keys(checksums).length === 0) return null;
    const wanted = Object.fromEntries(
      Object.entries(checksums).map(([name, sha256]) => [name, { sha256 }]),
    );
    const rows = await this.db.query<BatchRow>(
      `SELECT ${COLUMNS} FROM etl.load_batch
        WHERE ${LOADED} AND files @> $1::jsonb
        ORDER BY load_id DESC
        LIMIT 1`,
      [JSON.stringify(wanted)],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async failAbandoned(reason: string): Promise<number> {
    const result = await this.db.execute(
      `UPDATE etl.load_batch SET status = 'failed', error = $1, finished_at = now() WHERE status = 'running'`,
      [reason],
    );
    return result.rowCount;
  }

  async hasLoadedData(): Promise<boolean> {
    const rows = await this.db.query<{ loaded: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM etl.load_batch WHERE status = 'succeeded') AS loaded`,
    );
    return rows[0]?.loaded === true;
  }
}
