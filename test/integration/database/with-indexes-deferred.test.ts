import { expect } from 'chai';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { withIndexesDeferred } from '../../../src/application/shared/with-indexes-deferred';
import { describeOnEngines } from '../../support/test-database';

/**
 * Every index, constraint and index comment of the tables whose names start with `prefix` in
 * `schema` (partitions included), and which parent index each partition's index is attached to.
 */
async function catalogue(db: SqlSession, schema: string, prefix: string): Promise<string[]> {
  const rows = await db.query<{ line: string }>(
    `SELECT format('index %s on %s: %s; comment %s; parent %s',
                   i.relname, c.relname, pg_get_indexdef(i.oid),
                   coalesce(obj_description(i.oid, 'pg_class'), '-'),
                   coalesce((SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = i.oid), '-')) AS line
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname LIKE $2 || '%'
     UNION ALL
     SELECT format('constraint %s on %s: %s; comment %s', con.conname, c.relname,
                   pg_get_constraintdef(con.oid),
                   coalesce(obj_description(con.oid, 'pg_constraint'), '-'))
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname LIKE $2 || '%'
      ORDER BY 1`,
    [schema, prefix],
  );
  return rows.map((r) => r.line);
}

async function indexCount(db: SqlSession, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM pg_index WHERE indrelid = $1::regclass`,
    [table],
  );
  return row.n;
}

const CLAIM = `
  INSERT INTO warehouse.fact_claim (
    claim_id, member_id, service_date, date_key, member_sk, provider_sk, plan_sk, status,
    diagnosis_code, procedure_code, claim_amount, allowed_amount, paid_amount, load_id
  )
  VALUES ($1, 'M1', $2::date, to_char($2::date, 'YYYYMMDD')::integer, 1, 2, 3, 'paid',
          'E11.9', '99213', 100.00, 80.00, 64.00, 1)`;

describeOnEngines('bulk fill with indexes deferred', (t) => {
  before(async () => {
    await t.db.query(`SELECT warehouse.ensure_fact_claim_partitions('2024-01-01', '2024-02-01')`);
  });

  it('drops every index of the partitioned fact during the work and restores each as it was', async () => {
    await t.db.execute(
      `COMMENT ON INDEX warehouse.fact_claim_member_sk_idx IS 'member keys, for the test'`,
    );
    const before = await catalogue(t.db, 'warehouse', 'fact_claim');
    expect(before.filter((l) => l.startsWith('index '))).to.have.length.above(10);

    let indexesDuringWork = -1;
    await t.db.transaction((tx) =>
      withIndexesDeferred(tx, 'warehouse.fact_claim', async () => {
        indexesDuringWork = await indexCount(tx, 'warehouse.fact_claim_202401');
        await tx.execute(CLAIM, ['C1', '2024-01-15']);
        await tx.execute(CLAIM, ['C2', '2024-02-03']);
      }),
    );

    expect(indexesDuringWork).to.equal(0);
    expect(await catalogue(t.db, 'warehouse', 'fact_claim')).to.deep.equal(before);
    const rows = await t.db.query<{ claim_id: string; part: string }>(
      `SELECT claim_id, tableoid::regclass::text AS part FROM warehouse.fact_claim ORDER BY 1`,
    );
    expect(rows).to.deep.equal([
      { claim_id: 'C1', part: 'warehouse.fact_claim_202401' },
      { claim_id: 'C2', part: 'warehouse.fact_claim_202402' },
    ]);
    // The rebuilt key is a working key again.
    const error = await t.db.execute(CLAIM, ['C1', '2024-01-15']).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/duplicate key value violates unique constraint/);
  });

  it('fails the work when the rows break a key, at the rebuild, and leaves the table as it was', async () => {
    const before = await catalogue(t.db, 'mart', 'claims_daily_member');
    const error = await t.db
      .transaction((tx) =>
        withIndexesDeferred(tx, 'mart.claims_daily_member', async () => {
          for (let i = 0; i < 2; i++) {
            await tx.execute(
              `INSERT INTO mart.claims_daily_member
                 (member_id, service_date, month, claim_count, billed_amount, allowed_amount, paid_amount)
               VALUES ('M1', DATE '2024-01-15', DATE '2024-01-01', 1, 10, 8, 6)`,
            );
          }
        }),
      )
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(error?.message).to.match(/could not create unique index "claims_daily_member_pkey"/);
    expect(await catalogue(t.db, 'mart', 'claims_daily_member')).to.deep.equal(before);
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM mart.claims_daily_member`,
    );
    expect(row.n).to.equal(0);
  });

  it('keeps the indexes of a table whose key a foreign key references', async () => {
    await t.db.execute(`CREATE TABLE public.parent_t (id integer PRIMARY KEY)`);
    await t.db.execute(`CREATE TABLE public.child_t (id integer REFERENCES public.parent_t (id))`);
    let indexesDuringWork = -1;
    await t.db.transaction((tx) =>
      withIndexesDeferred(tx, 'public.parent_t', async () => {
        indexesDuringWork = await indexCount(tx, 'public.parent_t');
        await tx.execute(`INSERT INTO public.parent_t VALUES (1)`);
      }),
    );
    expect(indexesDuringWork).to.equal(1);
  });
});
