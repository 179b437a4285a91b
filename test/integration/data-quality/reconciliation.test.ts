import { expect } from 'chai';
import { QUALITY_CHECKS } from '../../../src/domain/data-quality/checks.catalog';
import { QualityRun } from '../../../src/application/check-quality/quality-run';
import { QualityCheck } from '../../../src/domain/data-quality/quality-check';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { describeOnEngines } from '../../support/test-database';
import { outcome, qualityService, runCheck, runChecks } from './quality-test-kit';

function catalogueCheck(name: string): QualityCheck {
  const check = QUALITY_CHECKS.find((c) => c.name === name);
  if (!check) throw new Error(`no check ${name}`);
  return check;
}

/** A staging table of claim lines and a fact of claims, in their own schema. */
async function createStagedAndFact(db: SqlSession, schema: string): Promise<void> {
  await db.execute(`CREATE SCHEMA ${schema}`);
  await db.execute(
    `CREATE TABLE ${schema}.staged (load_id bigint, source_line integer, claim_id text, paid_amount numeric(14,2))`,
  );
  await db.execute(
    `CREATE TABLE ${schema}.fact (claim_id text, paid_amount numeric(14,2), load_id bigint)`,
  );
}

describeOnEngines('data-quality reconciliation', (t) => {
  describe('file lines (etl.load_batch.files against staging.rejects)', () => {
    const check = catalogueCheck('batch_file_lines_reconcile');

    async function batch(files: Record<string, object>): Promise<number> {
      const rows = await t.db.query<{ load_id: number }>(
        `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source, files)
         VALUES (now(), 'full', 'full', 'test', $1::jsonb) RETURNING load_id`,
        [JSON.stringify(files)],
      );
      return rows[0]!.load_id;
    }

    async function rejects(loadId: number, file: string, count: number): Promise<void> {
      await t.db.execute(
        `INSERT INTO staging.rejects (load_id, file, line, reason)
         SELECT $1, $2, g + 1, 'test' FROM generate_series(1, $3::integer) AS g`,
        [loadId, file, count],
      );
    }

    it('passes when read = staged + rejected = rows in staging.rejects for every file', async () => {
      const loadId = await batch({
        'claims.csv': { sha256: 'x', read: 10, staged: 8, rejected: 2 },
        'members.csv': { sha256: 'y', read: 5, staged: 5, rejected: 0 },
      });
      await rejects(loadId, 'claims.csv', 2);
      const result = await runCheck(t.db, check, { loadId });
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.deep.equal({
        files_checked: 2,
        files_without_counts: 0,
        read: 15,
        staged: 13,
        rejected: 2,
      });
    });

    it('counts files that do not reconcile, with their figures', async () => {
      const loadId = await batch({
        'members.csv': { read: 5, staged: 5, rejected: 0 },
        'plans.csv': { read: 7, staged: 5, rejected: 1 },
        'providers.csv': { read: 4, staged: 3, rejected: 1 },
      });
      await rejects(loadId, 'plans.csv', 1);
      const result = await runCheck(t.db, check, { loadId });
      expect(outcome(result)).to.deep.equal({
        status: 'fail',
        failing: 2,
        sample: [
          {
            file: 'plans.csv',
            read: 7,
            staged: 5,
            rejected: 1,
            reject_rows: 1,
            problem: 'read <> staged + rejected',
          },
          {
            file: 'providers.csv',
            read: 4,
            staged: 3,
            rejected: 1,
            reject_rows: 0,
            problem: 'rejected <> rows in staging.rejects',
          },
        ],
      });
    });

    it('leaves out files whose counts are not recorded yet (inside the batch transaction)', async () => {
      const loadId = await batch({ 'claims.csv': { sha256: 'x', bytes: 10 } });
      await rejects(loadId, 'claims.csv', 3);
      const result = await runCheck(t.db, check, { loadId });
      expect(outcome(result)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(result.observed).to.include({ files_checked: 0, files_without_counts: 1 });
    });
  });

  describe('keyed (staged claims against the fact)', () => {
    const keyed = (name: string, measures: string[]): QualityCheck => ({
      name,
      table: 'dq_test.fact',
      kind: 'reconciliation',
      severity: 'error',
      params: {
        mode: 'keyed',
        source: { table: 'dq_test.staged', latestBy: 'source_line' },
        keyColumns: ['claim_id'],
        measures,
        batchColumn: 'load_id',
      },
      description: 'test',
    });
    const rowsMatch = keyed('staged_reach_fact', []);
    const paidMatches = keyed('staged_paid_matches', ['paid_amount']);

    before(async () => {
      await createStagedAndFact(t.db, 'dq_test');
      // Batch 2 stages c2 twice (the last line wins) and re-sends c3 unchanged, which keeps
      // the load_id of batch 1 in the fact; c0 belongs to batch 1 only.
      await t.db.execute(`INSERT INTO dq_test.staged VALUES
        (2, 2, 'c1', 10.00), (2, 3, 'c2', 5.50), (2, 4, 'c3', 7.25), (2, 9, 'c2', 6.50),
        (1, 2, 'c0', 99.00)`);
      await t.db.execute(`INSERT INTO dq_test.fact VALUES
        ('c0', 99.00, 1), ('c1', 10.00, 2), ('c2', 6.50, 2), ('c3', 7.25, 1)`);
    });

    it('passes when the batch claims and paid amounts match to the cent', async () => {
      const run = await runChecks(t.db, [rowsMatch, paidMatches], { loadId: 2 });
      expect(run.results.map(outcome)).to.deep.equal([
        { status: 'pass', failing: 0, sample: [] },
        { status: 'pass', failing: 0, sample: [] },
      ]);
      expect(run.results[1]!.observed).to.deep.equal({
        compared: true,
        source_rows: 3,
        target_rows: 3,
        source_paid_amount: '23.75',
        target_paid_amount: '23.75',
      });
    });

    it('counts claims missing from the fact, fact rows not staged and paid differences', async () => {
      await t.db.execute(`INSERT INTO dq_test.staged VALUES (2, 10, 'c4', 1.00)`);
      await t.db.execute(`INSERT INTO dq_test.fact VALUES ('c5', 2.00, 2)`);
      await t.db.execute(`UPDATE dq_test.fact SET paid_amount = 10.01 WHERE claim_id = 'c1'`);
      const run = await runChecks(t.db, [rowsMatch, paidMatches], { loadId: 2 });
      expect(outcome(run.results[0]!)).to.deep.equal({
        status: 'fail',
        failing: 2,
        sample: [
          { claim_id: 'c4', problems: ['missing in dq_test.fact'] },
          { claim_id: 'c5', problems: ['not staged by the batch'] },
        ],
      });
      expect(outcome(run.results[1]!)).to.deep.equal({
        status: 'fail',
        failing: 3,
        sample: [
          { claim_id: 'c1', problems: ['paid_amount differs'] },
          { claim_id: 'c4', problems: ['missing in dq_test.fact'] },
          { claim_id: 'c5', problems: ['not staged by the batch'] },
        ],
      });
      expect(run.results[1]!.observed).to.deep.equal({
        compared: true,
        source_rows: 4,
        target_rows: 4,
        source_paid_amount: '24.75',
        target_paid_amount: '25.76',
      });
    });

    it('compares nothing for a batch whose staged rows a later batch replaced', async () => {
      // Staging holds batch 2; batch 1 wrote c0 to the fact but its staged rows are gone.
      await t.db.execute(`DELETE FROM dq_test.staged WHERE load_id = 1`);
      const run = await runChecks(t.db, [rowsMatch], { loadId: 1 });
      expect(outcome(run.results[0]!)).to.deep.equal({ status: 'pass', failing: 0, sample: [] });
      expect(run.results[0]!.observed).to.deep.equal({
        compared: false,
        source_rows: 0,
        target_rows: 2,
      });
    });

    it('still finds fact rows of a batch that staged nothing, when staging holds no other batch', async () => {
      await t.db.execute(`DELETE FROM dq_test.staged`);
      const run = await runChecks(t.db, [rowsMatch], { loadId: 1 });
      expect(outcome(run.results[0]!)).to.deep.equal({
        status: 'fail',
        failing: 2,
        sample: [
          { claim_id: 'c0', problems: ['not staged by the batch'] },
          { claim_id: 'c3', problems: ['not staged by the batch'] },
        ],
      });
    });

    it('is skipped when there is no batch to compare', async () => {
      const run = await runChecks(t.db, [rowsMatch, paidMatches], { loadId: null });
      expect(run.results).to.deep.equal([]);
      expect(run.skipped).to.deep.equal(['staged_reach_fact', 'staged_paid_matches']);
    });
  });

  describe('keyed, sharing the comparison between checks', () => {
    const keyed = (
      name: string,
      measures: string[],
      source: { table: string; latestBy?: string },
    ): QualityCheck => ({
      name,
      table: 'dq_share.fact',
      kind: 'reconciliation',
      severity: 'error',
      params: { mode: 'keyed', source, keyColumns: ['claim_id'], measures, batchColumn: 'load_id' },
      description: 'test',
    });
    const latest = { table: 'dq_share.staged', latestBy: 'source_line' };
    const reach = keyed('shared_reach', [], latest);
    const paid = keyed('shared_paid', ['paid_amount'], latest);
    // Without latestBy every staged line is compared.
    const everyLine = keyed('shared_every_line_paid', ['paid_amount'], {
      table: 'dq_share.staged',
    });

    before(async () => {
      await createStagedAndFact(t.db, 'dq_share');
      // k1 is staged twice and sits in the fact twice: a row of batch 1 and a row of batch 2.
      await t.db.execute(`INSERT INTO dq_share.staged VALUES
        (2, 1, 'k1', 5.00), (2, 2, 'k1', 6.00), (2, 3, 'k2', 3.00)`);
      await t.db.execute(`INSERT INTO dq_share.fact VALUES
        ('k1', 6.00, 1), ('k1', 6.00, 2), ('k2', 3.00, 2), ('k9', 1.00, 1)`);
    });

    const expected = [
      { name: 'shared_reach', status: 'pass', failing: 0, sample: [] },
      { name: 'shared_paid', status: 'pass', failing: 0, sample: [] },
      {
        name: 'shared_every_line_paid',
        status: 'fail',
        failing: 2,
        sample: [
          { claim_id: 'k1', problems: ['paid_amount differs'] },
          { claim_id: 'k1', problems: ['paid_amount differs'] },
        ],
      },
    ];
    const observed = [
      { compared: true, source_rows: 2, target_rows: 3 },
      {
        compared: true,
        source_rows: 2,
        target_rows: 3,
        source_paid_amount: '9.00',
        target_paid_amount: '15.00',
      },
      // each target row counted once, however many staged lines it met
      {
        compared: true,
        source_rows: 3,
        target_rows: 3,
        source_paid_amount: '14.00',
        target_paid_amount: '15.00',
      },
    ];
    const summary = (run: QualityRun): unknown[] =>
      run.results.map((r) => ({ name: r.name, ...outcome(r) }));

    it('finds every fact row of a staged key, whichever batch wrote it, inside a transaction', async () => {
      const run = await runChecks(t.db, [reach, paid, everyLine], { loadId: 2 });
      expect(summary(run)).to.deep.equal(expected);
      expect(run.results.map((r) => r.observed)).to.deep.equal(observed);
    });

    it('reports the same outside a transaction, where nothing is shared', async () => {
      const run = await qualityService.run(t.db, { loadId: 2 }, [reach, paid, everyLine]);
      expect(summary(run)).to.deep.equal(expected);
      expect(run.results.map((r) => r.observed)).to.deep.equal(observed);
    });

    it('reads the staged rows once for the checks sharing them, and drops the tables at the end', async () => {
      // Counters of this backend not yet flushed: monotonic within the transaction.
      const stagedScans = `(SELECT seq_scan FROM pg_stat_xact_user_tables
                             WHERE relid = 'dq_share.staged'::regclass)::integer`;
      const [before, after] = await t.db.transaction(async (tx) => {
        const [scans] = await tx.query<{ n: number }>(`SELECT ${stagedScans} AS n`);
        await qualityService.run(tx, { loadId: 2 }, [reach, paid]);
        const state = await tx.query<{ n: number; tables_left: number }>(
          `SELECT ${stagedScans} AS n,
                  (SELECT count(*) FROM pg_class
                    WHERE relpersistence = 't' AND relname LIKE 'dq\\_keyed\\_%')::integer AS tables_left`,
        );
        return [scans!, state[0]!];
      });
      expect({ scans: after.n - before.n, tablesLeft: after.tables_left }).to.deep.equal({
        scans: 1,
        tablesLeft: 0,
      });
    });

    it('errors every check of a comparison that cannot be built, and runs the others', async () => {
      const missing = { table: 'dq_share.not_staged' };
      const run = await runChecks(
        t.db,
        [
          keyed('missing_reach', [], missing),
          keyed('missing_paid', ['paid_amount'], missing),
          paid,
        ],
        { loadId: 2 },
      );
      expect(run.results.map((r) => [r.name, r.status, r.errorMessage])).to.deep.equal([
        ['missing_reach', 'error', '42P01: relation "dq_share.not_staged" does not exist'],
        ['missing_paid', 'error', '42P01: relation "dq_share.not_staged" does not exist'],
        ['shared_paid', 'pass', null],
      ]);
    });
  });
});
