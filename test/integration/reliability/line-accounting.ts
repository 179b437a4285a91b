import { expect } from 'chai';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import { FileStageCounts } from '../../../src/application/run-pipeline/stage-results';
import { SEED_FILES, SeedFileSpec } from '../../../src/domain/seed-contract';
import { referenceRecords } from '../../support/reference-csv';

/** staging.rejects keeps a record's text as read, NUL replaced, at most 10,000 characters. */
function storedRawText(raw: Buffer): string {
  return raw.toString('utf8').replace(/\0/g, '\uFFFD').slice(0, 10_000);
}

/**
 * Every line is accounted for: each record the reference reader finds after the header is
 * either a staged row (source_line) or a reject (line), exactly once, and nothing else is.
 */
export async function expectEveryLineAccountedFor(
  db: SqlDatabase,
  loadId: number,
  spec: SeedFileSpec,
  content: Buffer,
  counts: FileStageCounts,
): Promise<void> {
  const records = referenceRecords(content).slice(1);
  const stagedLines = await db.query<{ line: number }>(
    `SELECT source_line AS line FROM staging.${spec.entity} WHERE load_id = $1 ORDER BY 1`,
    [loadId],
  );
  const rejectLines = await db.query<{ line: number; raw_text: string }>(
    `SELECT line, raw_text FROM staging.rejects WHERE load_id = $1 AND file = $2 ORDER BY line`,
    [loadId, spec.file],
  );
  const seen = [...stagedLines, ...rejectLines].map((r) => r.line).sort((a, b) => a - b);
  expect(seen, `${spec.file}: staged + rejected lines`).to.deep.equal(records.map((r) => r.line));
  expect(counts.read, `${spec.file}: read`).to.equal(records.length);
  expect(counts.read, `${spec.file}: read = staged + rejected`).to.equal(
    counts.staged + counts.rejected,
  );
  expect(stagedLines.length).to.equal(counts.staged);
  expect(rejectLines.length).to.equal(counts.rejected);
  const rawByLine = new Map(records.map((r) => [r.line, storedRawText(r.raw)]));
  for (const reject of rejectLines) {
    expect(reject.raw_text, `${spec.file} line ${reject.line}: raw text`).to.equal(
      rawByLine.get(reject.line),
    );
  }
}

/** After a refused file: the latest batch left nothing in staging (it rolled back whole). */
export async function expectNothingStaged(db: SqlDatabase): Promise<void> {
  const [batch] = await db.query<{ load_id: number }>(
    'SELECT max(load_id) AS load_id FROM etl.load_batch',
  );
  for (const table of [...SEED_FILES.map((s) => s.entity), 'rejects']) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM staging.${table} WHERE load_id = $1`,
      [batch?.load_id],
    );
    expect(row?.n, `staging.${table}`).to.equal(0);
  }
}
