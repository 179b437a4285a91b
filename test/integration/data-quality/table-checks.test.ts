import { expect } from 'chai';
import { QUALITY_CHECKS } from '../../../src/domain/data-quality/checks.catalog';
import { QualityCheck } from '../../../src/domain/data-quality/quality-check';
import { describeOnEngines } from '../../support/test-database';
import { outcome, runCheck } from './quality-test-kit';

describeOnEngines('data-quality table checks', (t) => {
  before(async () => {
    await t.db.execute(`CREATE SCHEMA dq_test`);
  });

  describe('row_count', () => {
    const notEmpty: QualityCheck = {
      name: 'events_present',
      table: 'dq_test.events',
      kind: 'row_count',
      severity: 'warn',
      params: { min: 1 },
      description: 'test',
    };
    const staysEmpty: QualityCheck = {
      name: 'overflow_empty',
      table: 'dq_test.events',
      kind: 'row_count',
      severity: 'warn',
      params: { max: 0, keyColumns: ['event_id'], where: "t.kind = 'overflow'" },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(`CREATE TABLE dq_test.events (event_id integer, kind text)`);
    });

    it('fails an empty table that must not be empty, by the missing row', async () => {
      const result = await runCheck(t.db, notEmpty);
      expect(outcome(result)).to.deep.equal({ status: 'fail', failing: 1, sample: [] });
      expect(result.observed).to.deep.equal({ row_count: 0, min: 1, max: null });
    });

    it('passes within bounds', async () => {
      await t.db.execute(`INSERT INTO dq_test.events VALUES (1, 'normal'), (2, 'normal')`);
      const result = await runCheck(t.db, notEmpty);
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.deep.equal({ row_count: 2, min: 1, max: null });
      expect(outcome(await runCheck(t.db, staysEmpty)).status).to.equal('pass');
    });

    it('counts the rows above the maximum and samples their keys', async () => {
      await t.db.execute(
        `INSERT INTO dq_test.events VALUES (9, 'overflow'), (4, 'overflow'), (7, 'overflow')`,
      );
      const result = await runCheck(t.db, staysEmpty);
      expect(outcome(result)).to.deep.equal({
        status: 'fail',
        failing: 3,
        sample: [{ event_id: 4 }, { event_id: 7 }, { event_id: 9 }],
      });
      expect(result.observed).to.deep.equal({ row_count: 3, min: null, max: 0 });
    });

    it('counts claims caught by the DEFAULT partition of warehouse.fact_claim', async () => {
      const check: QualityCheck = {
        name: 'claim_default_partition_empty',
        table: 'warehouse.fact_claim_default',
        kind: 'row_count',
        severity: 'warn',
        params: { max: 0, keyColumns: ['claim_id', 'service_date'] },
        description: 'test',
      };
      expect(outcome(await runCheck(t.db, check)).status).to.equal('pass');
      // No monthly partition exists yet, so the row lands in the default partition.
      await t.db.execute(`
        INSERT INTO warehouse.fact_claim (claim_id, member_id, service_date, date_key, member_sk,
          provider_sk, plan_sk, status, diagnosis_code, procedure_code, claim_amount,
          allowed_amount, paid_amount, load_id)
        VALUES ('CLM1', 'M1', '2031-02-03', 20310203, 1, 1, 1, 'approved', 'D', 'P', 1, 1, 1, 1)`);
      try {
        expect(outcome(await runCheck(t.db, check))).to.deep.equal({
          status: 'fail',
          failing: 1,
          sample: [{ claim_id: 'CLM1', service_date: '2031-02-03' }],
        });
      } finally {
        await t.db.execute(`DELETE FROM warehouse.fact_claim WHERE claim_id = 'CLM1'`);
      }
    });
  });

  describe('freshness', () => {
    const check: QualityCheck = {
      name: 'batches_fresh',
      table: 'dq_test.batches',
      kind: 'freshness',
      severity: 'warn',
      params: {
        column: 'as_of',
        maxAgeDays: 31,
        where: "t.status = 'succeeded'",
        batchColumn: 'load_id',
      },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(
        `CREATE TABLE dq_test.batches (load_id bigint, as_of timestamptz, status text)`,
      );
    });

    it('fails when nothing was ever loaded', async () => {
      const result = await runCheck(t.db, check);
      expect(outcome(result)).to.deep.equal({ status: 'fail', failing: 1, sample: [] });
      expect(result.observed?.latest).to.equal(null);
    });

    it('passes when the latest succeeded as_of is recent enough for the reference time', async () => {
      await t.db.execute(`INSERT INTO dq_test.batches VALUES
        (1, '2024-11-01T00:00:00Z', 'succeeded'), (2, '2025-01-01T00:00:00Z', 'succeeded'),
        (3, '2025-02-15T00:00:00Z', 'failed')`);
      const result = await runCheck(t.db, check, {
        loadId: null,
        asOf: new Date('2025-01-20T12:00:00Z'),
      });
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.include({ age_days: 19.5, max_age_days: 31 });
    });

    it('fails when it is older (a failed batch does not count)', async () => {
      const result = await runCheck(t.db, check, {
        loadId: null,
        asOf: new Date('2025-03-01T00:00:00Z'),
      });
      expect(outcome(result)).to.deep.equal({ status: 'fail', failing: 1, sample: [] });
      expect(result.observed).to.include({ age_days: 59, max_age_days: 31 });
    });

    it('counts the batch being checked, which has not succeeded yet', async () => {
      await t.db.execute(
        `INSERT INTO dq_test.batches VALUES (4, '2025-02-27T00:00:00Z', 'running')`,
      );
      const scope = { loadId: 4, asOf: new Date('2025-03-01T00:00:00Z') };
      const result = await runCheck(t.db, check, scope);
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.include({ age_days: 2 });
    });

    it('measures against now() without a reference time', async () => {
      const result = await runCheck(t.db, check);
      expect(result.status).to.equal('fail');
      expect(result.observed?.age_days).to.be.greaterThan(300);
    });
  });

  describe('scd2_integrity', () => {
    const check: QualityCheck = {
      name: 'dim_history_intact',
      table: 'dq_test.dim',
      kind: 'scd2_integrity',
      severity: 'error',
      params: {
        naturalKey: ['nk'],
        validFrom: 'valid_from',
        validTo: 'valid_to',
        currentFlag: 'is_current',
        endOfTime: '9999-12-31T00:00:00Z',
      },
      description: 'test',
    };
    const version = (nk: string, from: string, to: string, current: boolean): string =>
      `('${nk}', '${from}T00:00:00Z', '${to}T00:00:00Z', ${current})`;

    before(async () => {
      await t.db.execute(
        `CREATE TABLE dq_test.dim (nk text, valid_from timestamptz, valid_to timestamptz, is_current boolean)`,
      );
      await t.db.execute(`INSERT INTO dq_test.dim VALUES
        ${version('a', '2024-01-01', '2024-06-01', false)},
        ${version('a', '2024-06-01', '2024-09-01', false)},
        ${version('a', '2024-09-01', '9999-12-31', true)},
        ${version('b', '2024-01-01', '9999-12-31', true)}`);
    });

    it('passes on contiguous histories with one open current version', async () => {
      const result = await runCheck(t.db, check);
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.deep.equal({ keys_by_problem: {} });
    });

    it('counts broken keys and names the problem of each', async () => {
      await t.db.execute(`INSERT INTO dq_test.dim VALUES
        ${version('c', '2024-01-01', '2024-03-01', false)},
        ${version('c', '2024-04-01', '9999-12-31', true)},
        ${version('d', '2024-01-01', '2024-06-01', false)},
        ${version('d', '2024-05-01', '9999-12-31', true)},
        ${version('e', '2024-01-01', '2024-02-01', false)},
        ${version('f', '2024-01-01', '9999-12-31', true)},
        ${version('f', '2024-02-01', '9999-12-31', true)},
        ${version('g', '2024-01-01', '2025-01-01', true)},
        ${version('h', '2024-01-01', '9999-12-31', false)}`);
      const result = await runCheck(t.db, check);
      expect(result.status).to.equal('fail');
      expect(result.failingCount).to.equal(6);
      expect(result.sampleKeys).to.deep.equal([
        { nk: 'c', problems: ['gap'] },
        { nk: 'd', problems: ['overlap'] },
        { nk: 'e', problems: ['no current row'] },
        { nk: 'f', problems: ['several current rows', 'overlap'] },
        { nk: 'g', problems: ['current row not open-ended'] },
      ]);
      expect(result.observed).to.deep.equal({
        keys_by_problem: {
          gap: 1,
          overlap: 2,
          'no current row': 2,
          'several current rows': 1,
          'current row not open-ended': 1,
          'open-ended row not current': 1,
        },
      });
    });

    it('finds a gap in warehouse.dim_member through the catalogue check', async () => {
      const memberCheck = QUALITY_CHECKS.find((c) => c.name === 'member_scd2_integrity')!;
      expect(outcome(await runCheck(t.db, memberCheck)).status).to.equal('pass');
      await t.db.execute(`
        INSERT INTO warehouse.dim_member (member_id, validity_start_ts, validity_end_ts, current_flag, attr_hash, load_id)
        VALUES ('M1', '2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z', false, '\\x00', 1),
               ('M1', '2024-04-01T00:00:00Z', '9999-12-31T00:00:00Z', true, '\\x01', 1),
               ('M2', '2024-01-01T00:00:00Z', '9999-12-31T00:00:00Z', true, '\\x02', 1)`);
      try {
        expect(outcome(await runCheck(t.db, memberCheck))).to.deep.equal({
          status: 'fail',
          failing: 1,
          sample: [{ member_id: 'M1', problems: ['gap'] }],
        });
      } finally {
        await t.db.execute(`DELETE FROM warehouse.dim_member WHERE member_id IN ('M1', 'M2')`);
      }
    });
  });
});
