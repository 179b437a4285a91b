import { expect } from 'chai';
import { QualityCheck } from '../../../src/domain/data-quality/quality-check';
import { describeOnEngines } from '../../support/test-database';
import { outcome, runCheck } from './quality-test-kit';

describeOnEngines('data-quality column checks', (t) => {
  before(async () => {
    await t.db.execute(`CREATE SCHEMA dq_test`);
  });

  describe('not_null', () => {
    const check: QualityCheck = {
      name: 'people_not_null',
      table: 'dq_test.people',
      kind: 'not_null',
      severity: 'error',
      params: { columns: ['plan_id', 'amount'], keyColumns: ['person_id'] },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(
        `CREATE TABLE dq_test.people (person_id text, plan_id text, amount numeric, first_name text)`,
      );
      await t.db.execute(
        `INSERT INTO dq_test.people VALUES ('p1', 'A', 1, 'Ann'), ('p2', 'B', 2, NULL)`,
      );
    });

    it('passes when the columns are filled (a NULL elsewhere does not count)', async () => {
      const result = await runCheck(t.db, check);
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.deep.equal({ null_counts: {} });
    });

    it('counts rows with a NULL and samples their keys with the NULL columns', async () => {
      await t.db.execute(
        `INSERT INTO dq_test.people VALUES ('p5', NULL, NULL, 'Eve'), ('p3', NULL, 3, 'Bo'), ('p4', 'C', NULL, 'Cy')`,
      );
      const result = await runCheck(t.db, check);
      expect(outcome(result)).to.deep.equal({
        status: 'fail',
        failing: 3,
        sample: [
          { person_id: 'p3', null_columns: ['plan_id'] },
          { person_id: 'p4', null_columns: ['amount'] },
          { person_id: 'p5', null_columns: ['plan_id', 'amount'] },
        ],
      });
      expect(result.observed).to.deep.equal({ null_counts: { plan_id: 2, amount: 2 } });
    });
  });

  describe('unique', () => {
    const naturalKey: QualityCheck = {
      name: 'versions_nk_unique_current',
      table: 'dq_test.versions',
      kind: 'unique',
      severity: 'error',
      params: { columns: ['nk'], where: 't.is_current' },
      description: 'test',
    };
    const surrogateKey: QualityCheck = {
      name: 'versions_sk_unique',
      table: 'dq_test.versions',
      kind: 'unique',
      severity: 'error',
      params: { columns: ['sk'] },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(`CREATE TABLE dq_test.versions (sk bigint, nk text, is_current boolean)`);
      // 'c' has one current and one expired version; NULL keys are left to not_null.
      await t.db.execute(`INSERT INTO dq_test.versions VALUES
        (1, 'a', true), (2, 'b', true), (3, 'c', true), (4, 'c', false), (5, NULL, true), (6, NULL, true)`);
    });

    it('passes on one current row per natural key and distinct surrogate keys', async () => {
      expect(outcome(await runCheck(t.db, naturalKey))).to.deep.equal({
        status: 'pass',
        failing: 0,
        sample: [],
      });
      expect(outcome(await runCheck(t.db, surrogateKey)).status).to.equal('pass');
    });

    it('counts duplicated keys among current rows and samples them with their row counts', async () => {
      await t.db.execute(`INSERT INTO dq_test.versions VALUES
        (7, 'a', true), (8, 'b', true), (9, 'b', true), (10, 'c', false), (3, 'd', true)`);
      const result = await runCheck(t.db, naturalKey);
      expect(outcome(result)).to.deep.equal({
        status: 'fail',
        failing: 2,
        sample: [
          { nk: 'a', duplicate_rows: 2 },
          { nk: 'b', duplicate_rows: 3 },
        ],
      });
      expect(result.observed).to.deep.equal({ duplicate_rows: 5 });
      expect(outcome(await runCheck(t.db, surrogateKey))).to.deep.equal({
        status: 'fail',
        failing: 1,
        sample: [{ sk: 3, duplicate_rows: 2 }],
      });
    });
  });

  describe('relationships', () => {
    const check: QualityCheck = {
      name: 'child_parent_resolves',
      table: 'dq_test.child',
      kind: 'relationships',
      severity: 'error',
      params: {
        columns: ['parent_id', 'parent_sk'],
        to: { table: 'dq_test.parent', columns: ['id', 'sk'] },
        keyColumns: ['child_id'],
      },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(`CREATE TABLE dq_test.parent (id text, sk bigint)`);
      await t.db.execute(
        `CREATE TABLE dq_test.child (child_id text, parent_id text, parent_sk bigint)`,
      );
      await t.db.execute(`INSERT INTO dq_test.parent VALUES ('A', 1), ('A', 2), ('B', 3)`);
      await t.db.execute(
        `INSERT INTO dq_test.child VALUES ('c1', 'A', 2), ('c2', 'B', 3), ('c3', NULL, NULL)`,
      );
    });

    it('passes when every key resolves (NULL keys are left to not_null)', async () => {
      expect(outcome(await runCheck(t.db, check))).to.deep.equal({
        status: 'pass',
        failing: 0,
        sample: [],
      });
    });

    it('counts dangling keys, the whole composite key compared', async () => {
      // c8: parent A exists but not with sk 3; c9: no parent X at all.
      await t.db.execute(`INSERT INTO dq_test.child VALUES ('c9', 'X', 1), ('c8', 'A', 3)`);
      expect(outcome(await runCheck(t.db, check))).to.deep.equal({
        status: 'fail',
        failing: 2,
        sample: [
          { child_id: 'c8', parent_id: 'A', parent_sk: 3 },
          { child_id: 'c9', parent_id: 'X', parent_sk: 1 },
        ],
      });
    });
  });

  describe('accepted_values', () => {
    const check: QualityCheck = {
      name: 'members_state_known',
      table: 'dq_test.members',
      kind: 'accepted_values',
      severity: 'warn',
      params: { column: 'state', values: ['CA', 'TX'], keyColumns: ['member_id'] },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(`CREATE TABLE dq_test.members (member_id text, state text)`);
      await t.db.execute(
        `INSERT INTO dq_test.members VALUES ('m1', 'CA'), ('m2', 'TX'), ('m3', NULL)`,
      );
    });

    it('passes when every value is listed (NULL is left to not_null)', async () => {
      const result = await runCheck(t.db, check);
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.deep.equal({ unexpected_values: {} });
    });

    it('counts other values, samples only the keys and counts each value found', async () => {
      await t.db.execute(
        `INSERT INTO dq_test.members VALUES ('m6', 'PW'), ('m4', 'PW'), ('m5', 'VI'), ('m7', 'ca')`,
      );
      const result = await runCheck(t.db, check);
      expect(outcome(result)).to.deep.equal({
        status: 'fail',
        failing: 4,
        sample: [
          { member_id: 'm4' },
          { member_id: 'm5' },
          { member_id: 'm6' },
          { member_id: 'm7' },
        ],
      });
      expect(result.observed).to.deep.equal({ unexpected_values: { PW: 2, VI: 1, ca: 1 } });
    });

    it('takes the values as a parameter: a quote in a value is data, not SQL', async () => {
      const quoted: QualityCheck = {
        ...check,
        name: 'members_state_quoted',
        params: { ...check.params, values: ["CA') OR (TRUE", 'TX', 'PW', 'VI', 'ca'] },
      };
      const result = await runCheck(t.db, quoted);
      expect(outcome(result)).to.deep.equal({
        status: 'fail',
        failing: 1,
        sample: [{ member_id: 'm1' }],
      });
    });
  });

  describe('expression', () => {
    const paidWithinAllowed: QualityCheck = {
      name: 'claims_paid_within_allowed',
      table: 'dq_test.claims',
      kind: 'expression',
      severity: 'warn',
      params: {
        predicate: 't.paid >= 0 AND t.paid <= t.allowed AND t.allowed <= t.billed',
        keyColumns: ['claim_id'],
      },
      description: 'test',
    };
    const deniedNotPaid: QualityCheck = {
      name: 'claims_denied_not_paid',
      table: 'dq_test.claims',
      kind: 'expression',
      severity: 'warn',
      params: { predicate: 't.paid = 0', keyColumns: ['claim_id'], where: "t.status = 'denied'" },
      description: 'test',
    };

    before(async () => {
      await t.db.execute(
        `CREATE TABLE dq_test.claims (claim_id text, status text, billed numeric(14,2), allowed numeric(14,2), paid numeric(14,2))`,
      );
      await t.db.execute(`INSERT INTO dq_test.claims VALUES
        ('k1', 'approved', 100, 80, 60), ('k2', 'denied', 50, 40, 0), ('k3', 'approved', 10, 10, 10)`);
    });

    it('passes when the predicate holds on every row', async () => {
      expect(outcome(await runCheck(t.db, paidWithinAllowed)).status).to.equal('pass');
      expect(outcome(await runCheck(t.db, deniedNotPaid))).to.deep.equal({
        status: 'pass',
        failing: 0,
        sample: [],
      });
    });

    it('counts rows where it is false or unknown, within the where filter', async () => {
      await t.db.execute(`INSERT INTO dq_test.claims VALUES
        ('k4', 'approved', 100, 80, 80.01), ('k5', 'approved', 100, 120, 90),
        ('k6', 'approved', 100, NULL, 0), ('k7', 'denied', 100, 80, 5), ('k8', 'approved', 100, 80, 5)`);
      expect(outcome(await runCheck(t.db, paidWithinAllowed))).to.deep.equal({
        status: 'fail',
        failing: 3,
        sample: [{ claim_id: 'k4' }, { claim_id: 'k5' }, { claim_id: 'k6' }],
      });
      // k7 breaks only the denied rule; k8 pays 5 but is approved: outside the filter.
      expect(outcome(await runCheck(t.db, deniedNotPaid))).to.deep.equal({
        status: 'fail',
        failing: 1,
        sample: [{ claim_id: 'k7' }],
      });
    });

    it('checks NPI check digits with etl.npi_is_valid', async () => {
      const rows = await t.db.query<{ npi: string | null; valid: boolean | null }>(
        `SELECT v.npi, etl.npi_is_valid(v.npi) AS valid
           FROM (VALUES ('1234567893'), ('1245319599'), ('1003000126'), ('2000000008'),
                        ('1234567890'), ('5566009041'), ('123456789'), ('12345678931'),
                        ('12345678a3'), (NULL)) AS v(npi)`,
      );
      expect(rows).to.deep.equal([
        { npi: '1234567893', valid: true },
        { npi: '1245319599', valid: true },
        { npi: '1003000126', valid: true },
        { npi: '2000000008', valid: false },
        { npi: '1234567890', valid: false },
        // a peer-data NPI: NPIs start with 1 or 2
        { npi: '5566009041', valid: false },
        { npi: '123456789', valid: false },
        { npi: '12345678931', valid: false },
        { npi: '12345678a3', valid: false },
        { npi: null, valid: null },
      ]);
    });

    it('counts providers with a bad NPI check digit', async () => {
      await t.db.execute(`CREATE TABLE dq_test.providers (provider_id text, npi text)`);
      await t.db.execute(`INSERT INTO dq_test.providers VALUES
        ('v1', '1234567893'), ('v2', '1234567890'), ('v3', NULL), ('v4', '1497758544')`);
      const check: QualityCheck = {
        name: 'providers_npi_valid',
        table: 'dq_test.providers',
        kind: 'expression',
        severity: 'warn',
        params: { predicate: 'etl.npi_is_valid(t.npi)', keyColumns: ['provider_id'] },
        description: 'test',
      };
      expect(outcome(await runCheck(t.db, check))).to.deep.equal({
        status: 'fail',
        failing: 2,
        sample: [{ provider_id: 'v2' }, { provider_id: 'v3' }],
      });
    });
  });
});
