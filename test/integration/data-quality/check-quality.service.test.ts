import { expect } from 'chai';
import { QUALITY_CHECKS } from '../../../src/domain/data-quality/checks.catalog';
import { QualityCheck } from '../../../src/domain/data-quality/quality-check';
import { describeOnEngines } from '../../support/test-database';
import { qualityService, runChecks } from './quality-test-kit';

const missingTable: QualityCheck = {
  name: 'missing_table_not_null',
  table: 'dq_test.does_not_exist',
  kind: 'not_null',
  severity: 'error',
  params: { columns: ['a'], keyColumns: ['id'] },
  description: 'A check on a table that does not exist.',
};
const failingWarn: QualityCheck = {
  name: 'items_positive',
  table: 'dq_test.items',
  kind: 'expression',
  severity: 'warn',
  params: { predicate: 't.qty > 0', keyColumns: ['item_id'] },
  description: 'Quantities are positive.',
};
const failingError: QualityCheck = {
  name: 'items_id_unique',
  table: 'dq_test.items',
  kind: 'unique',
  severity: 'error',
  params: { columns: ['item_id'] },
  description: 'One row per item.',
};
const passing: QualityCheck = {
  name: 'items_present',
  table: 'dq_test.items',
  kind: 'row_count',
  severity: 'error',
  params: { min: 1 },
  description: 'Items exist.',
};
const personalSample: QualityCheck = {
  name: 'member_names_not_null',
  table: 'warehouse.dim_member',
  kind: 'not_null',
  severity: 'warn',
  params: { columns: ['first_name'], keyColumns: ['last_name'] },
  description: 'Samples a personal column: refused.',
};

describeOnEngines('CheckQualityService', (t) => {
  before(async () => {
    await t.db.execute(`CREATE SCHEMA dq_test`);
    await t.db.execute(`CREATE TABLE dq_test.items (item_id text, qty integer)`);
    await t.db.execute(`INSERT INTO dq_test.items VALUES ('i1', 1), ('i2', 0), ('i2', 5)`);
  });

  it('turns a check whose SQL fails into status error and keeps running the others in the transaction', async () => {
    const run = await runChecks(t.db, [missingTable, failingWarn, failingError, passing], {
      loadId: 7,
    });
    expect(run.results.map((r) => [r.name, r.status, r.failingCount])).to.deep.equal([
      ['missing_table_not_null', 'error', 0],
      ['items_positive', 'fail', 1],
      ['items_id_unique', 'fail', 1],
      ['items_present', 'pass', 0],
    ]);
    expect(run.results[0]!.errorMessage).to.equal(
      '42P01: relation "dq_test.does_not_exist" does not exist',
    );
    expect(run.summary).to.deep.equal({
      passed: 1,
      warned: 1,
      failed: 2,
      errorFailures: ['missing_table_not_null', 'items_id_unique'],
    });
  });

  it('refuses to sample personal data: the check errors, nothing is read', async () => {
    const run = await runChecks(t.db, [personalSample]);
    expect(run.results[0]).to.include({
      status: 'error',
      errorMessage:
        'member_names_not_null: last_name of warehouse.dim_member is personal data and cannot be sampled',
    });
  });

  it('runs outside a transaction too (npm run dq without one)', async () => {
    const run = await qualityService.run(t.db, { loadId: null }, [missingTable, failingWarn]);
    expect(run.results.map((r) => r.status)).to.deep.equal(['error', 'fail']);
  });

  it('saves the findings of a batch that rolled back, outside its transaction', async () => {
    let kept: Awaited<ReturnType<typeof runChecks>> | undefined;
    const rollback = new Error('quality gate');
    await t.db
      .transaction(async (tx) => {
        await tx.execute(`INSERT INTO dq_test.items VALUES ('i9', 9)`);
        kept = await qualityService.run(tx, { loadId: 42 }, [failingWarn, failingError]);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    await qualityService.save(t.db, kept!);
    const items = await t.db.query(`SELECT count(*) AS n FROM dq_test.items WHERE item_id = 'i9'`);
    expect(items).to.deep.equal([{ n: 0 }]);
    const rows = await t.db.query(
      `SELECT load_id, check_name, check_kind, table_name, severity, status, failing_count,
              sample_keys, observed, error_message, description, duration_ms >= 0 AS timed,
              checked_at IS NOT NULL AS stamped
         FROM etl.dq_result WHERE load_id = 42 ORDER BY dq_result_id`,
    );
    expect(rows).to.deep.equal([
      {
        load_id: 42,
        check_name: 'items_positive',
        check_kind: 'expression',
        table_name: 'dq_test.items',
        severity: 'warn',
        status: 'fail',
        failing_count: 1,
        sample_keys: [{ item_id: 'i2' }],
        observed: null,
        error_message: null,
        description: 'Quantities are positive.',
        timed: true,
        stamped: true,
      },
      {
        load_id: 42,
        check_name: 'items_id_unique',
        check_kind: 'unique',
        table_name: 'dq_test.items',
        severity: 'error',
        status: 'fail',
        failing_count: 1,
        sample_keys: [{ item_id: 'i2', duplicate_rows: 2 }],
        observed: { duplicate_rows: 2 },
        error_message: null,
        description: 'One row per item.',
        timed: true,
        stamped: true,
      },
    ]);
  });

  it('runs the whole catalogue on an empty warehouse: no error check fails, nothing crashes', async () => {
    const run = await runChecks(t.db, QUALITY_CHECKS, { loadId: null });
    expect(run.results.filter((r) => r.status === 'error')).to.deep.equal([]);
    expect(run.summary.errorFailures).to.deep.equal([]);
    expect(
      run.results.filter((r) => r.status === 'fail').map((r) => [r.name, r.failingCount]),
    ).to.deep.equal([
      ['claim_rows_present', 1],
      ['enrollment_period_rows_present', 1],
      ['warehouse_fresh', 1],
    ]);
    expect(run.skipped).to.deep.equal([
      'batch_file_lines_reconcile',
      'batch_claims_reach_fact',
      'batch_claims_paid_reconcile',
    ]);
    await qualityService.save(t.db, run);
    const saved = await t.db.query(`SELECT count(*) AS n FROM etl.dq_result WHERE load_id IS NULL`);
    expect(saved).to.deep.equal([{ n: QUALITY_CHECKS.length - 3 }]);
  });
});
