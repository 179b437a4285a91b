import { expect } from 'chai';
import { DashboardQueryService } from '../../../src/application/dashboard/dashboard-query.service';
import { SqlDatabase, SqlSession } from '../../../src/application/ports/sql-database.port';
import { describeOnEngines } from '../../support/test-database';
import { DEMO_BATCHES, demoDqResults, insertBatches, insertDqResults } from './audit-rows';

/** A session seen as a database, so a service can run inside one transaction (SET LOCAL ROLE). */
function asDatabase(tx: SqlSession, engine: SqlDatabase['engine']): SqlDatabase {
  return {
    engine,
    query: (sql, params) => tx.query(sql, params),
    execute: (sql, params) => tx.execute(sql, params),
    copyFrom: (sql, chunks) => tx.copyFrom(sql, chunks),
    transaction: () => Promise.reject(new Error('nested transaction')),
    close: () => Promise.resolve(),
  } as SqlDatabase;
}

describeOnEngines('DashboardQueryService: load history, data quality, health', (t) => {
  let service: DashboardQueryService;
  let loadIds: number[];

  before(async () => {
    service = new DashboardQueryService(t.db);
  });

  it('reports health with no batch yet', async () => {
    const health = await service.health();
    expect(health).to.include({
      status: 'ok',
      engine: t.engine,
      migrated: true,
      latest_load_id: null,
      latest_load_status: null,
    });
    expect(health.database_time).to.be.instanceOf(Date);
  });

  it('answers empty lists on an empty warehouse', async () => {
    expect(await service.loadHistory()).to.deep.equal([]);
    expect(await service.dataQualityStatus()).to.deep.equal([]);
  });

  it('lists batches newest first with file counts summed and the folder name only', async () => {
    loadIds = await insertBatches(t.db, DEMO_BATCHES);
    await insertDqResults(t.db, demoDqResults(loadIds));
    const [first, second, third] = loadIds;
    expect(await service.loadHistory()).to.deep.equal([
      {
        load_id: third,
        load_timestamp: new Date('2025-03-02T08:00:00Z'),
        as_of: new Date('2025-03-01T00:00:00Z'),
        mode: 'incremental',
        seed_kind: 'incremental',
        seed_set: 'seed_20250301T000000Z',
        status: 'succeeded',
        error: null,
        finished_at: new Date('2025-03-02T08:00:05Z'),
        seconds: 5,
        rows_read: 35,
        rows_staged: 34,
        rows_rejected: 1,
      },
      {
        load_id: second,
        load_timestamp: new Date('2025-02-02T08:00:00Z'),
        as_of: new Date('2025-02-01T00:00:00Z'),
        mode: 'incremental',
        seed_kind: 'incremental',
        seed_set: 'seed_20250201T000000Z',
        status: 'failed',
        error: 'quality gate: 1 error check failed (fact_claim_member_resolves)',
        finished_at: new Date('2025-02-02T08:00:02Z'),
        seconds: 2,
        rows_read: 0,
        rows_staged: 0,
        rows_rejected: 0,
      },
      {
        load_id: first,
        load_timestamp: new Date('2025-01-02T08:00:00Z'),
        as_of: new Date('2025-01-01T00:00:00Z'),
        mode: 'full',
        seed_kind: 'full',
        seed_set: 'seed_20250101T000000Z',
        status: 'succeeded',
        error: null,
        finished_at: new Date('2025-01-02T08:00:12.250Z'),
        seconds: 12.25,
        rows_read: 160,
        rows_staged: 157,
        rows_rejected: 3,
      },
    ]);
  });

  it('limits the history to the newest batches; a running batch has no seconds yet', async () => {
    const [running] = await insertBatches(t.db, [
      {
        source: 'seeds/seed_20250401T000000Z',
        asOf: '2025-04-01T00:00:00Z',
        status: 'running',
        startedAt: '2025-04-02T08:00:00Z',
        files: { 'claims.csv': { read: 0, staged: 0, rejected: 0 } },
      },
    ]);
    const latest = await service.loadHistory(2);
    expect(latest.map((b) => [b.load_id, b.status, b.seconds, b.finished_at])).to.deep.equal([
      [running, 'running', null, null],
      [loadIds[2], 'succeeded', 5, new Date('2025-03-02T08:00:05Z')],
    ]);
  });

  it('answers the latest result of each check, by check time', async () => {
    const [, , third] = loadIds;
    expect(await service.dataQualityStatus()).to.deep.equal([
      {
        check_name: 'claims_paid_not_above_allowed',
        table_name: 'warehouse.fact_claim',
        description: 'Check claims_paid_not_above_allowed.',
        severity: 'error',
        status: 'pass',
        failing_count: 0,
        load_id: third,
        checked_at: new Date('2025-03-02T08:00:04Z'),
      },
      {
        check_name: 'fact_claim_default_partition_empty',
        table_name: 'warehouse.fact_claim',
        description: 'Check fact_claim_default_partition_empty.',
        severity: 'warn',
        status: 'pass',
        failing_count: 0,
        load_id: null,
        checked_at: new Date('2025-03-03T09:00:00Z'),
      },
      {
        check_name: 'provider_npi_valid',
        table_name: 'warehouse.dim_provider',
        description: 'Check provider_npi_valid.',
        severity: 'warn',
        status: 'fail',
        failing_count: 2,
        load_id: third,
        checked_at: new Date('2025-03-02T08:00:04Z'),
      },
    ]);
  });

  it('reports the latest batch in health', async () => {
    const health = await service.health();
    expect([health.latest_load_id, health.latest_load_status]).to.deep.equal([
      loadIds[2] + 1,
      'running',
    ]);
  });

  it('reads everything as the least-privilege analyst role (SELECT only, no personal columns)', async () => {
    const asAnalyst = await t.db.transaction(async (tx) => {
      await tx.execute('SET LOCAL ROLE warehouse_analyst');
      const analyst = new DashboardQueryService(asDatabase(tx, t.engine));
      return {
        history: await analyst.loadHistory(),
        dq: await analyst.dataQualityStatus(),
        health: await analyst.health(),
      };
    });
    expect(asAnalyst.history).to.deep.equal(await service.loadHistory());
    expect(asAnalyst.dq).to.deep.equal(await service.dataQualityStatus());
    expect(asAnalyst.health.latest_load_id).to.equal(loadIds[2] + 1);
  });
});
