import { SqlSession } from '../../../src/application/ports/sql-database.port';

/** Small etl.load_batch and etl.dq_result rows for the dashboard suites. */

export interface BatchSpec {
  readonly source: string;
  readonly asOf: string;
  readonly mode?: 'full' | 'incremental';
  readonly status: 'running' | 'succeeded' | 'failed' | 'skipped';
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Per file: read / staged / rejected (omitted = only the checksum, as a failed batch may leave). */
  readonly files: Readonly<Record<string, { read: number; staged: number; rejected: number }>>;
  readonly error?: string;
}

/** Inserts batches in order and returns their load ids. */
export async function insertBatches(
  db: SqlSession,
  batches: readonly BatchSpec[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const b of batches) {
    const files = Object.fromEntries(
      Object.entries(b.files).map(([name, counts]) => [
        name,
        { sha256: 'ab'.repeat(32), bytes: 100, ...counts },
      ]),
    );
    const rows = await db.query<{ load_id: number }>(
      `INSERT INTO etl.load_batch
         (load_timestamp, as_of, mode, seed_kind, source, files, stages, status, error, finished_at)
       VALUES ($1, $2, $3, $3, $4, $5::jsonb, '{}'::jsonb, $6, $7, $8)
       RETURNING load_id`,
      [
        b.startedAt,
        b.asOf,
        b.mode ?? 'incremental',
        b.source,
        JSON.stringify(files),
        b.status,
        b.error ?? null,
        b.finishedAt ?? null,
      ],
    );
    ids.push(rows[0].load_id);
  }
  return ids;
}

export interface DqSpec {
  readonly loadId: number | null;
  readonly check: string;
  readonly severity: 'error' | 'warn';
  readonly status: 'pass' | 'fail' | 'error';
  readonly failing: number;
  readonly at: string;
  readonly table?: string;
}

export async function insertDqResults(db: SqlSession, results: readonly DqSpec[]): Promise<void> {
  for (const r of results) {
    await db.execute(
      `INSERT INTO etl.dq_result
         (load_id, check_name, check_kind, table_name, severity, status, failing_count,
          sample_keys, description, checked_at, duration_ms)
       VALUES ($1, $2, 'test', $3, $4, $5, $6, $7::jsonb, $8, $9, 3)`,
      [
        r.loadId,
        r.check,
        r.table ?? 'warehouse.fact_claim',
        r.severity,
        r.status,
        r.failing,
        JSON.stringify(r.failing > 0 ? [{ claim_id: 'C1', problem: 'example' }] : []),
        `Check ${r.check}.`,
        r.at,
      ],
    );
  }
}

export const DEMO_BATCHES: readonly BatchSpec[] = [
  {
    source: '/srv/aca/seeds/seed_20250101T000000Z',
    asOf: '2025-01-01T00:00:00Z',
    mode: 'full',
    status: 'succeeded',
    startedAt: '2025-01-02T08:00:00Z',
    finishedAt: '2025-01-02T08:00:12.250Z',
    files: {
      'members.csv': { read: 40, staged: 40, rejected: 0 },
      'claims.csv': { read: 120, staged: 117, rejected: 3 },
    },
  },
  {
    source: '/srv/aca/seeds/seed_20250201T000000Z/',
    asOf: '2025-02-01T00:00:00Z',
    status: 'failed',
    startedAt: '2025-02-02T08:00:00Z',
    finishedAt: '2025-02-02T08:00:02Z',
    files: {},
    error: 'quality gate: 1 error check failed (fact_claim_member_resolves)',
  },
  {
    source: '/srv/aca/seeds/seed_20250301T000000Z',
    asOf: '2025-03-01T00:00:00Z',
    status: 'succeeded',
    startedAt: '2025-03-02T08:00:00Z',
    finishedAt: '2025-03-02T08:00:05Z',
    files: {
      'members.csv': { read: 5, staged: 5, rejected: 0 },
      'claims.csv': { read: 30, staged: 29, rejected: 1 },
    },
  },
];

/** Results of the batches above (ids 1..3); the second check's latest result is a warning. */
export function demoDqResults(loadIds: readonly number[]): DqSpec[] {
  const [first, second, third] = loadIds;
  return [
    {
      loadId: first,
      check: 'claims_paid_not_above_allowed',
      severity: 'error',
      status: 'pass',
      failing: 0,
      at: '2025-01-02T08:00:10Z',
    },
    {
      loadId: second,
      check: 'claims_paid_not_above_allowed',
      severity: 'error',
      status: 'fail',
      failing: 4,
      at: '2025-02-02T08:00:01Z',
    },
    {
      loadId: third,
      check: 'claims_paid_not_above_allowed',
      severity: 'error',
      status: 'pass',
      failing: 0,
      at: '2025-03-02T08:00:04Z',
    },
    {
      loadId: first,
      check: 'provider_npi_valid',
      severity: 'warn',
      status: 'pass',
      failing: 0,
      at: '2025-01-02T08:00:10Z',
      table: 'warehouse.dim_provider',
    },
    {
      loadId: third,
      check: 'provider_npi_valid',
      severity: 'warn',
      status: 'fail',
      failing: 2,
      at: '2025-03-02T08:00:04Z',
      table: 'warehouse.dim_provider',
    },
    {
      loadId: null,
      check: 'fact_claim_default_partition_empty',
      severity: 'warn',
      status: 'pass',
      failing: 0,
      at: '2025-03-03T09:00:00Z',
    },
  ];
}
