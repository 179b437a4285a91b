import {
  CubeCatalog,
  CubeResult,
  CubeNames,
  CubeQuery,
  CubeQueryPort,
} from '../../../src/application/ports/cube-query.port';
import {
  DqCheckView,
  HealthView,
  HighCostMemberView,
  LoadBatchView,
} from '../../../src/application/dashboard/dashboard-views';
import { DashboardReads } from '../../../src/interfaces/http/api-routes';

export const FAKE_NAMES: CubeNames = {
  measures: [
    'claims',
    'members',
    'billed',
    'allowed',
    'paid',
    'member_months',
    'pmpm',
    'denial_rate',
  ],
  dimensions: [
    'month',
    'year',
    'metal_tier',
    'state',
    'age_group',
    'clinical_segment',
    'specialty',
    'claim_type',
  ],
};

/** Records every query and answers with `answer` (or throws `failure`). */
export class FakeCube implements CubeQueryPort {
  readonly queries: CubeQuery[] = [];
  answer: CubeResult = {
    columns: ['metal_tier', 'paid'],
    rows: [
      { metal_tier: 'Gold', paid: 1200.5 },
      { metal_tier: 'Silver', paid: 300 },
    ],
  };
  failure?: Error;

  describe(): CubeCatalog {
    return {
      measures: FAKE_NAMES.measures.map((name) => ({
        name,
        description: `${name} (fake)`,
        unit: 'count',
        additive: true,
      })),
      dimensions: FAKE_NAMES.dimensions.map((name) => ({
        name,
        description: `${name} (fake)`,
        valueType: 'text',
        side: 'member',
      })),
      groupingSets: [{ groupingId: 0, columns: ['month'] }],
    };
  }

  names(): CubeNames {
    return FAKE_NAMES;
  }

  async query(q: CubeQuery): Promise<CubeResult> {
    this.queries.push(q);
    if (this.failure) throw this.failure;
    return this.answer;
  }
}

export const BATCH: LoadBatchView = {
  load_id: 2,
  load_timestamp: new Date('2025-02-01T10:00:00Z'),
  as_of: new Date('2025-02-01T00:00:00Z'),
  mode: 'incremental',
  seed_kind: 'incremental',
  seed_set: 'seed_20250201T000000Z',
  status: 'succeeded',
  error: null,
  finished_at: new Date('2025-02-01T10:00:04.5Z'),
  seconds: 4.5,
  rows_read: 120,
  rows_staged: 118,
  rows_rejected: 2,
};

export const CHECK: DqCheckView = {
  check_name: 'fact_claim_member_resolves',
  table_name: 'warehouse.fact_claim',
  description: 'Every claim joins a member version.',
  severity: 'error',
  status: 'pass',
  failing_count: 0,
  load_id: 2,
  checked_at: new Date('2025-02-01T10:00:03Z'),
};

export const HIGH_COST: HighCostMemberView = {
  member_id: 'M000042',
  month: '2025-01-01',
  rolling_12m_paid: '81234.50',
  rolling_12m_claims: 37,
  paid_rank: 1,
  high_cost_threshold: '50000.00',
};

/** The dashboard reads, recording the limits asked for. */
export class FakeDashboard implements DashboardReads {
  readonly limits: Array<[string, number]> = [];
  failure?: Error;

  async loadHistory(limit = 50): Promise<LoadBatchView[]> {
    this.limits.push(['loadHistory', limit]);
    return [BATCH];
  }

  async dataQualityStatus(): Promise<DqCheckView[]> {
    return [CHECK];
  }

  async topHighCostMembers(limit = 10): Promise<HighCostMemberView[]> {
    this.limits.push(['topHighCostMembers', limit]);
    return [HIGH_COST];
  }

  async health(): Promise<HealthView> {
    if (this.failure) throw this.failure;
    return {
      status: 'ok',
      engine: 'pglite',
      database_time: new Date('2025-02-01T12:00:00Z'),
      migrated: true,
      latest_load_id: 2,
      latest_load_status: 'succeeded',
    };
  }
}
