import { Logger } from '../../../src/application/ports/logger.port';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { BatchContext } from '../../../src/application/run-pipeline/batch-context';

const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silent,
};

export function batchContext(loadId: number, asOf: string): BatchContext {
  const at = new Date(asOf);
  return {
    loadId,
    mode: 'incremental',
    asOf: at,
    logger: silent,
    seedSet: {
      folder: `seed-${loadId}`,
      asOf: at,
      asOfSource: 'argument',
      kind: 'full',
      files: [],
    },
  };
}

type Row = Record<string, unknown>;

/**
 * Inserts rows into staging.<table> for a batch in one statement; `source_line` defaults to
 * the file order (2, 3, …: line 1 is the header).
 */
export async function stage(
  tx: SqlSession,
  table: 'members' | 'plans' | 'providers' | 'enrollments' | 'claims',
  loadId: number,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
    (c) => c !== 'source_line',
  );
  const params: unknown[] = [];
  const tuples = rows.map((row, i) => {
    const values = [loadId, row.source_line ?? i + 2, ...columns.map((c) => row[c] ?? null)];
    const placeholders = values.map((v) => `$${params.push(v)}`);
    return `(${placeholders.join(', ')})`;
  });
  await tx.execute(
    `INSERT INTO staging.${table} (load_id, source_line, ${columns.join(', ')})
     VALUES ${tuples.join(',\n            ')}`,
    params,
  );
}

export function member(id: string, overrides: Row = {}): Row {
  return {
    member_id: id,
    first_name: 'Ann',
    last_name: 'Lee',
    dob: '1980-06-15',
    gender: 'F',
    state: 'IL',
    zip: '62701',
    fpl_ratio: '2.350',
    plan_metal: 'Silver',
    plan_network_access_type: 'HMO',
    region: 'Midwest',
    clinical_segment: 'Healthy',
    year: 2024,
    ...overrides,
  };
}

export function claim(id: string, overrides: Row = {}): Row {
  return {
    claim_id: id,
    member_id: 'M1',
    provider_id: 'PRV1',
    plan_id: 'PLN1',
    service_date: '2024-03-10',
    claim_amount: '100.00',
    allowed_amount: '90.00',
    paid_amount: '80.00',
    status: 'approved',
    diagnosis_code: 'E11.9',
    procedure_code: '99213',
    ...overrides,
  };
}

export function enrollment(memberId: string, planId: string, overrides: Row = {}): Row {
  return {
    member_id: memberId,
    plan_id: planId,
    start_date: '2024-01-01',
    premium_paid: '120.00',
    ...overrides,
  };
}
