/**
 * Marts refresh benchmark (PostgreSQL): a full rebuild of every mart against an incremental
 * batch that adds one month of claims (the usual monthly load) and ends the coverage of 1 % of
 * the members mid-month. Then a second full rebuild, whose result must equal the incremental
 * one (checksums of every mart object).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx ts-node bench/marts.bench.ts
 *   BENCH_MEMBERS=100000 BENCH_CLAIMS=1000000 (defaults); BENCH_MONTHS=36; BENCH_KEEP=1 keeps
 *   the scratch database for EXPLAIN
 *
 * Generates the star with SQL in a scratch database next to DATABASE_URL's, dropped at the
 * end; writes bench/results/marts-<members>-<claims>.json.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqlDatabase } from '../src/application/ports/sql-database.port';
import { RefreshMartsService } from '../src/application/refresh-marts/refresh-marts.service';
import { BatchContext, LoadMode } from '../src/application/run-pipeline/batch-context';
import { MartsResult } from '../src/application/run-pipeline/stage-results';
import { openScratchDatabase } from './support/scratch-database';
import { SILENT_LOGGER } from './support/silent-logger';
import { round, timed as timedWork } from './support/timing';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1_000_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 36);
const FIRST_MONTH = '2022-01-01';
const PROVIDERS = 5_000;
const PLANS = 40;

function context(loadId: number, mode: LoadMode): BatchContext {
  const asOf = new Date('2025-02-01T00:00:00Z');
  return {
    loadId,
    mode,
    asOf,
    logger: SILENT_LOGGER,
    seedSet: { folder: 'bench', asOf, asOfSource: 'argument', kind: mode, files: [] },
  };
}

async function timed<R>(work: () => Promise<R>): Promise<{ seconds: number; result: R }> {
  const { seconds, result } = await timedWork(work);
  return { seconds: round(seconds), result };
}

/** Members with one version (a tenth with a second from 2024-07-01), plans per year, claims. */
async function fill(db: SqlDatabase): Promise<void> {
  const lastMonth = `(date '${FIRST_MONTH}' + interval '${MONTHS - 1} months')::date`;
  await db.execute(
    `INSERT INTO warehouse.dim_member (member_id, state, age_group, clinical_segment, plan_metal,
         validity_start_ts, validity_end_ts, current_flag, attr_hash, load_id)
     SELECT 'M' || lpad(i::text, 8, '0'),
            (ARRAY['TX','CA','FL','NY','PA','OH','GA','NC','MI','AZ'])[1 + i % 10 + v.moved],
            (ARRAY['<18','18-25','26-34','35-44','45-54','55-64','65+'])[1 + i % 7],
            (ARRAY['Healthy','Chronic','Complex','Maternity','Behavioral'])[1 + i % 5],
            NULL, v.from_ts, v.to_ts, v.to_ts = '9999-12-31', '\\x00'::bytea, 1
       FROM generate_series(1, $1::integer) AS i
      CROSS JOIN LATERAL (
        SELECT 0 AS moved, timestamptz '2015-01-01' AS from_ts,
               CASE WHEN i % 10 = 0 THEN timestamptz '2024-07-01' ELSE timestamptz '9999-12-31' END AS to_ts
        UNION ALL
        SELECT -1, timestamptz '2024-07-01', timestamptz '9999-12-31' WHERE i % 10 = 0
      ) AS v`,
    [MEMBERS],
  );
  await db.execute(
    `INSERT INTO warehouse.dim_plan (plan_id, effective_year, name, metal_tier, monthly_premium,
         validity_start_ts, attr_hash, load_id)
     SELECT 'PL' || p, y, 'Plan ' || p,
            (ARRAY['Catastrophic','Bronze','Silver','Gold','Platinum'])[1 + p % 5],
            200 + 10 * p, '2015-01-01', '\\x00'::bytea, 1
       FROM generate_series(1, $1::integer) AS p, generate_series(2022, 2026) AS y`,
    [PLANS],
  );
  await db.execute(
    `INSERT INTO warehouse.dim_provider (provider_id, specialty, validity_start_ts, attr_hash, load_id)
     SELECT 'P' || i,
            (ARRAY['Cardiology','Family Medicine','Internal Medicine','Pediatrics','Radiology',
                   'Orthopedics','Dermatology','Oncology','Psychiatry','Emergency Medicine',
                   'Obstetrics','Neurology','Pharmacy','Urology','Gastroenterology'])[1 + i % 15],
            '2015-01-01', '\\x00'::bytea, 1
       FROM generate_series(1, $1::integer) AS i`,
    [PROVIDERS],
  );
  await db.query(
    `SELECT warehouse.ensure_fact_claim_partitions('${FIRST_MONTH}', ${lastMonth} + 31)`,
  );
  // One coverage period per member: most open since a start in the first 18 months.
  await db.execute(
    `INSERT INTO warehouse.fact_enrollment (member_id, plan_id, start_date, end_date, member_sk,
         plan_sk, enrollment_start_date_key, enrollment_end_date_key, coverage_days,
         member_months, premium_paid, span_count, load_id)
     SELECT m.member_id, p.plan_id, s.start_date, s.end_date, m.member_sk, p.plan_sk,
            to_char(s.start_date, 'YYYYMMDD')::integer,
            to_char(s.end_date, 'YYYYMMDD')::integer,
            coalesce(s.end_date, date '2025-01-31') - s.start_date + 1,
            round((coalesce(s.end_date, date '2025-01-31') - s.start_date + 1) / 30.4375, 2),
            round((coalesce(s.end_date, date '2025-01-31') - s.start_date + 1) * 9.5, 2),
            1, 1
       FROM warehouse.dim_member m
      CROSS JOIN LATERAL (
        SELECT date '${FIRST_MONTH}' + (hashtext(m.member_id) & 511) AS start_date
      ) s0
      CROSS JOIN LATERAL (
        SELECT s0.start_date,
               CASE WHEN hashtext(m.member_id) % 4 = 0 THEN s0.start_date + 400 END AS end_date
      ) s
      JOIN warehouse.dim_plan p
        ON p.plan_id = 'PL' || (1 + abs(hashtext(m.member_id)) % ${PLANS})
       AND p.effective_year = extract(year FROM s.start_date)
      WHERE m.validity_start_ts = '2015-01-01'`,
  );
  await insertClaims(db, CLAIMS, FIRST_MONTH, MONTHS, 1, 'C');
}

/** `count` claims spread over `months` months from `first`, members drawn at random. */
async function insertClaims(
  db: SqlDatabase,
  count: number,
  first: string,
  months: number,
  loadId: number,
  prefix: string,
): Promise<void> {
  await db.execute(
    `WITH drawn AS (
       SELECT i,
              'M' || lpad((1 + (random() * ($1::integer - 1))::integer)::text, 8, '0') AS member_id,
              date '${first}' + (random() * ((date '${first}' + make_interval(months => $3::integer))::date - date '${first}' - 1))::integer AS service_date,
              1 + (random() * (${PROVIDERS} - 1))::integer AS provider_no,
              round((random() * random() * 3000)::numeric, 2) AS billed
         FROM generate_series(1, $2::integer) AS i
     )
     INSERT INTO warehouse.fact_claim (claim_id, member_id, service_date, date_key, member_sk,
         provider_sk, plan_sk, status, diagnosis_code, procedure_code, claim_type,
         provider_specialty, claim_amount, allowed_amount, paid_amount, load_id)
     SELECT $5 || d.i, d.member_id, d.service_date, to_char(d.service_date, 'YYYYMMDD')::integer,
            m.member_sk, d.provider_no, p.plan_sk,
            CASE WHEN d.i % 10 = 0 THEN 'denied' WHEN d.i % 25 = 0 THEN 'pending' ELSE 'approved' END,
            'Z00', '99213', (ARRAY['Facility','Professional','RX'])[1 + d.i % 3], NULL,
            d.billed, round(d.billed * 0.8, 2),
            CASE WHEN d.i % 10 = 0 THEN 0 ELSE round(d.billed * 0.7, 2) END, $4
       FROM drawn d
       JOIN warehouse.dim_member m
         ON m.member_id = d.member_id
        AND m.validity_start_ts <= d.service_date AND d.service_date < m.validity_end_ts
       JOIN warehouse.dim_plan p
         ON p.plan_id = 'PL' || (1 + abs(hashtext(d.member_id)) % ${PLANS})
        AND p.effective_year = extract(year FROM d.service_date)`,
    [MEMBERS, count, months, loadId, prefix],
  );
}

/** The second batch: a new month of claims (the monthly load) and 1 % of coverage ending. */
async function incrementalBatch(db: SqlDatabase, newMonth: string): Promise<void> {
  await insertClaims(db, Math.round(CLAIMS / MONTHS), newMonth, 1, 2, 'N');
  await db.execute(
    `UPDATE warehouse.fact_enrollment
        SET end_date = date '2025-01-15', coverage_days = date '2025-01-15' - start_date + 1, load_id = 2
      WHERE end_date IS NULL AND hashtext(member_id) % 100 = 7`,
  );
}

const RELATIONS = [
  'mart.claims_daily_member',
  'mart.cube_claims_base',
  'mart.cube_coverage_base',
  'mart.claims_cube',
  'mart.high_cost_member_month',
  'mart.claims_by_plan_metal_month',
  'mart.utilization_by_specialty',
  'mart.pmpm',
  'mart.medical_loss_ratio',
];

/**
 * An order-independent checksum of every row: the count and two sums of 60-bit slices of each
 * row's md5. Streaming: one string_agg of a 1M-member table's rows would pass PostgreSQL's 1 GB
 * limit on a value.
 */
async function checksums(db: SqlDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const relation of RELATIONS) {
    const [row] = await db.query<{ n: number; high: string; low: string }>(
      `SELECT count(*) AS n,
              coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint::numeric), 0)::text AS high,
              coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint::numeric), 0)::text AS low
         FROM (SELECT md5(to_jsonb(t)::text) AS h FROM ${relation} t) x`,
    );
    out[relation] = `${row.n}:${row.high}:${row.low}`;
  }
  return out;
}

function steps(result: MartsResult): Record<string, number> {
  return Object.fromEntries(result.refreshed.map((s) => [s.name, s.seconds]));
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('set DATABASE_URL to a PostgreSQL server');
  const scratch = await openScratchDatabase('postgres', {
    prefix: 'marts_bench',
    adminUrl: base,
    keep: Boolean(process.env.BENCH_KEEP),
  });
  const db = scratch.database.db;
  const service = new RefreshMartsService({ highCostThreshold: 50_000 });
  try {
    console.log(`marts bench: ${MEMBERS} members, ${CLAIMS} claims over ${MONTHS} months`);
    console.log(`fill: ${(await timed(() => fill(db))).seconds} s`);
    await db.query('ANALYZE');
    const full = await timed(() =>
      db.transaction((tx) => service.refresh(tx, context(1, 'full'), [])),
    );
    console.log(`full refresh: ${full.seconds} s`, steps(full.result));

    const newMonth = `${2022 + Math.floor(MONTHS / 12)}-${String((MONTHS % 12) + 1).padStart(2, '0')}-01`;
    await db.query(`SELECT warehouse.ensure_fact_claim_partitions($1, $1)`, [newMonth]);
    await incrementalBatch(db, newMonth);
    await db.query('ANALYZE');
    const incremental = await timed(() =>
      db.transaction((tx) => service.refresh(tx, context(2, 'incremental'), [newMonth])),
    );
    console.log(
      `incremental refresh (${newMonth}): ${incremental.seconds} s`,
      steps(incremental.result),
    );
    const afterIncremental = await checksums(db);

    const rebuild = await timed(() =>
      db.transaction((tx) => service.refresh(tx, context(3, 'full'), [])),
    );
    console.log(`full rebuild: ${rebuild.seconds} s`, steps(rebuild.result));
    const afterRebuild = await checksums(db);
    const mismatches = RELATIONS.filter((r) => afterIncremental[r] !== afterRebuild[r]);
    console.log(
      mismatches.length === 0
        ? 'incremental = full rebuild: yes'
        : `MISMATCH: ${mismatches.join(', ')}`,
    );
    const fullSeconds = Math.min(full.seconds, rebuild.seconds);
    const ratio = Math.round((incremental.seconds / fullSeconds) * 1000) / 10;
    console.log(`incremental / full: ${ratio} %`);

    const dir = resolve(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      resolve(dir, `marts-${MEMBERS}-${CLAIMS}.json`),
      `${JSON.stringify(
        {
          members: MEMBERS,
          claims: CLAIMS,
          months: MONTHS,
          full: { seconds: full.seconds, steps: steps(full.result) },
          incremental: { seconds: incremental.seconds, steps: steps(incremental.result) },
          rebuild: { seconds: rebuild.seconds, steps: steps(rebuild.result) },
          ratioPercent: ratio,
          equal: mismatches.length === 0,
          rows: afterRebuild,
        },
        null,
        2,
      )}\n`,
    );
    if (mismatches.length > 0) process.exitCode = 1;
  } finally {
    await scratch.dispose();
    if (process.env.BENCH_KEEP) console.log(`kept database ${scratch.location}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
