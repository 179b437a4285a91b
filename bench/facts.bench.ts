/**
 * Claim fact load benchmark (PostgreSQL): loads BENCH_CLAIMS staged claims into
 * warehouse.fact_claim with LoadClaimFactsService (dedup, point-in-time keys, upsert) and, in
 * the same run, a plain INSERT … SELECT of the same rows without key lookups into a table of
 * the same shape (the limit). Then, with BENCH_INDEXES=1, the insert cost of each index alone.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx ts-node bench/facts.bench.ts
 *   BENCH_CLAIMS=10000000 BENCH_MEMBERS=1000000 … (defaults 1,000,000 and claims / 10)
 *   BENCH_ROUNDS (2), BENCH_RESEND=0 (skip the re-send runs), BENCH_ARRIVAL=0 (skip the plain
 *   insert in arrival order), BENCH_INDEXES=1 (measure each index alone)
 *
 * Works in a scratch database it creates next to DATABASE_URL's and drops at the end.
 */
import 'reflect-metadata';
import { SqlDatabase } from '../src/application/ports/sql-database.port';
import {
  ClaimFactsResult,
  LoadClaimFactsService,
} from '../src/application/load-facts/load-claim-facts.service';
import { CREATE_CLAIM_BATCH } from '../src/application/load-facts/claim-facts.sql';
import { BatchContext } from '../src/application/run-pipeline/batch-context';
import { cloneTableShape } from './support/plain-insert';
import { openScratchDatabase } from './support/scratch-database';
import { SILENT_LOGGER } from './support/silent-logger';
import { round, timed as timedWork } from './support/timing';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1_000_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? Math.max(1, Math.round(CLAIMS / 10)));
const PROVIDERS = 5_000;
const PLANS = 40;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

async function timed(work: () => Promise<unknown>): Promise<number> {
  return round((await timedWork(work)).seconds);
}

/** Dimensions with two versions per member (each moves on its own day of 2024), staged claims. */
async function fill(db: SqlDatabase): Promise<void> {
  await db.execute(
    `INSERT INTO warehouse.dim_member
       (member_id, state, validity_start_ts, validity_end_ts, current_flag, attr_hash, load_id)
     SELECT 'M' || lpad(i::text, 8, '0'), v.state, v.from_ts, v.to_ts,
            v.to_ts = '9999-12-31 00:00:00+00', '\\x00'::bytea, 0
       FROM generate_series(1, $1::integer) AS i
      CROSS JOIN LATERAL (
        VALUES ('TX', timestamptz '2024-01-01 00:00:00+00',
                      timestamptz '2024-01-15 00:00:00+00' + (i % 330) * interval '1 day'),
               ('CA', timestamptz '2024-01-15 00:00:00+00' + (i % 330) * interval '1 day',
                      timestamptz '9999-12-31 00:00:00+00')
      ) AS v(state, from_ts, to_ts)`,
    [MEMBERS],
  );
  await db.execute(
    `INSERT INTO warehouse.dim_provider
       (provider_id, specialty, validity_start_ts, validity_end_ts, current_flag, attr_hash, load_id)
     SELECT 'P' || lpad(i::text, 6, '0'), v.specialty, v.from_ts, v.to_ts,
            v.to_ts = '9999-12-31 00:00:00+00', '\\x00'::bytea, 0
       FROM generate_series(1, $1::integer) AS i
      CROSS JOIN LATERAL (
        VALUES ('Cardiology', timestamptz '2024-01-01 00:00:00+00', timestamptz '2024-09-01 00:00:00+00'),
               ('Internal Medicine', timestamptz '2024-09-01 00:00:00+00', timestamptz '9999-12-31 00:00:00+00')
      ) AS v(specialty, from_ts, to_ts)`,
    [PROVIDERS],
  );
  await db.execute(
    `INSERT INTO warehouse.dim_plan
       (plan_id, effective_year, validity_start_ts, validity_end_ts, current_flag, attr_hash, load_id)
     SELECT 'PL' || lpad(i::text, 3, '0'), y, make_timestamptz(y - 1, 11, 1, 0, 0, 0, 'UTC'),
            timestamptz '9999-12-31 00:00:00+00', true, '\\x00'::bytea, 0
       FROM generate_series(1, $1::integer) AS i, generate_series(2024, 2025) AS y`,
    [PLANS],
  );
  // claims over 2024-2025 in no particular date order (as files arrive)
  await db.execute(
    `INSERT INTO staging.claims (
       load_id, source_line, claim_id, member_id, provider_id, plan_id, service_date,
       claim_amount, allowed_amount, paid_amount, status, diagnosis_code, procedure_code,
       claim_type, major_service_category, channel, is_oon)
     SELECT 1, i + 1,
            'C' || lpad(i::text, 10, '0'),
            'M' || lpad((1 + (i * 7919) % $2)::text, 8, '0'),
            'P' || lpad((1 + (i * 104729) % $3)::text, 6, '0'),
            'PL' || lpad((1 + (i * 31) % $4)::text, 3, '0'),
            date '2024-01-01' + ((i * 2654435761) % 731)::integer,
            (i % 5000) + 10.25, (i % 4000) + 8.10, (i % 3000) + 5.05,
            (ARRAY['approved', 'denied', 'pending'])[1 + i % 3],
            'E11.9', '99213',
            (ARRAY['Facility', 'Professional', 'RX'])[1 + i % 3],
            'Outpatient', 'OFF', i % 10 = 0
       FROM generate_series(1, $1::bigint) AS i`,
    [CLAIMS, MEMBERS, PROVIDERS, PLANS],
  );
  await db.execute(`ANALYZE`);
}

/**
 * A table shaped like warehouse.fact_claim (its monthly partitions, primary key) for the plain
 * insert, with `indexes` as its secondary indexes.
 */
async function createPlainTable(db: SqlDatabase, indexes: readonly string[]): Promise<void> {
  await cloneTableShape(db, 'warehouse.fact_claim', 'bench_fact_claim', { indexes });
}

const COLUMNS = `claim_id, member_id, service_date, date_key, member_sk, provider_sk, plan_sk,
  status, diagnosis_code, procedure_code, claim_type, major_service_category,
  detailed_service_category, provider_specialty, channel, ms_drg, drug_class, is_oon,
  claim_amount, allowed_amount, paid_amount, load_id`;

/**
 * The limit: the very rows the service writes (keys included, so index maintenance is the
 * same), already resolved, in the same order, inserted with a plain INSERT … SELECT.
 */
const PLAIN_INSERT = `INSERT INTO bench_fact_claim (${COLUMNS}) SELECT ${COLUMNS} FROM bench_resolved`;
/** The same in arrival order (claim ids were generated in file order, dates at random). */
const PLAIN_INSERT_ARRIVAL_ORDER = `${PLAIN_INSERT} ORDER BY claim_id`;

/** The secondary indexes of warehouse.fact_claim (migration 1764115500000). */
const FACT_INDEXES = ['(date_key)', '(member_sk)', '(provider_sk)', '(plan_sk)'];
/** Candidates measured but not created by the migration. */
const CANDIDATE_INDEXES = ['(member_id)', 'USING brin (service_date)'];

function context(loadId: number): BatchContext {
  const asOf = new Date('2026-01-01T00:00:00Z');
  return {
    loadId,
    mode: 'full',
    asOf,
    logger: SILENT_LOGGER,
    seedSet: { folder: 'bench', asOf, asOfSource: 'argument', kind: 'full', files: [] },
  };
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error(
      'DATABASE_URL is not set (a PostgreSQL server to create a scratch database on)',
    );
  const scratch = await openScratchDatabase('postgres', {
    prefix: 'aca_bench_facts',
    adminUrl: base,
  });
  const db = scratch.database.db;
  try {
    console.log(
      `claims ${CLAIMS.toLocaleString()}, members ${MEMBERS.toLocaleString()} (2 versions each)`,
    );
    console.log(`fill: ${await timed(() => fill(db))} s`);
    // the months of the staged claims, which the plain table copies from fact_claim
    await db.query(`SELECT warehouse.ensure_fact_claim_partitions('2024-01-01', '2025-12-31')`);
    await db.execute(
      CREATE_CLAIM_BATCH.replace(
        'CREATE TEMPORARY TABLE fact_claim_batch ON COMMIT DROP AS',
        'CREATE TABLE bench_resolved AS',
      ),
      [1],
    );

    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${CREATE_CLAIM_BATCH.replace('CREATE TEMPORARY TABLE fact_claim_batch ON COMMIT DROP AS', '')}`.replace(
        /\$1/g,
        '1',
      ),
    );
    const joins = plan.map((r) => r['QUERY PLAN']).filter((l) => /Join|Loop|Memoize/.test(l));
    console.log(`key resolution plan:\n${joins.join('\n')}`);

    const service = new LoadClaimFactsService();
    const load = async (label: string, check: (r: ClaimFactsResult) => boolean) => {
      await db.execute(`CHECKPOINT`);
      let result: ClaimFactsResult | undefined;
      const seconds = await timed(async () => {
        result = await db.transaction((tx) => service.load(tx, context(1)));
      });
      if (!result || !check(result)) throw new Error(`${label}: ${JSON.stringify(result)}`);
      return { seconds, steps: JSON.stringify(result.stepSeconds) };
    };

    for (let round = 1; round <= ROUNDS; round++) {
      await createPlainTable(db, FACT_INDEXES);
      await db.execute(`CHECKPOINT`);
      const plain = await timed(() => db.execute(PLAIN_INSERT));
      let arrival = NaN;
      if (process.env.BENCH_ARRIVAL !== '0') {
        await createPlainTable(db, FACT_INDEXES);
        await db.execute(`CHECKPOINT`);
        arrival = await timed(() => db.execute(PLAIN_INSERT_ARRIVAL_ORDER));
      }
      await db.execute(`DROP TABLE bench_fact_claim`);

      await db.execute(`TRUNCATE warehouse.fact_claim`);
      const facts = await load('first load', (r) => r.claimsInserted === CLAIMS);
      console.log(
        `round ${round}: plain INSERT…SELECT of the resolved rows ${plain} s ` +
          `(in arrival order instead of date order: ${arrival} s), ` +
          `fact load ${facts.seconds} s (${(facts.seconds / plain).toFixed(2)}×) steps ${facts.steps}`,
      );
    }

    if (process.env.BENCH_RESEND !== '0') {
      const same = await load('identical re-send', (r) => r.claimsUnchanged === CLAIMS);
      console.log(
        `same batch re-sent (identical, nothing rewritten): ${same.seconds} s ${same.steps}`,
      );
      // every 10th claim changes status and amount
      await db.execute(
        `UPDATE staging.claims
            SET status = CASE status WHEN 'pending' THEN 'approved' ELSE 'pending' END,
                paid_amount = paid_amount + 1
          WHERE source_line % 10 = 0`,
      );
      const changed = await load(
        '10 % changed',
        (r) =>
          r.claimsUpdated === CLAIMS &&
          r.claimsUnchanged === CLAIMS - Math.floor((CLAIMS + 1) / 10),
      );
      console.log(`same batch re-sent, 10 % changed: ${changed.seconds} s ${changed.steps}`);
    }

    if (process.env.BENCH_INDEXES === '1') {
      await createPlainTable(db, []);
      await db.execute(`CHECKPOINT`);
      const pkOnly = await timed(() => db.execute(PLAIN_INSERT));
      console.log(`index cost (plain insert, PK only = ${pkOnly} s):`);
      for (const index of [...FACT_INDEXES, ...CANDIDATE_INDEXES]) {
        await createPlainTable(db, [index]);
        await db.execute(`CHECKPOINT`);
        const seconds = await timed(() => db.execute(PLAIN_INSERT));
        console.log(`  + ${index}: ${seconds} s (+${(seconds - pkOnly).toFixed(2)} s)`);
      }
    }
  } finally {
    await scratch.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
