/**
 * SCD2 merge benchmark (PostgreSQL): the generic Scd2Repository on dim_member.
 * 1. initial load of BENCH_MEMBERS (default 1,000,000) staged members;
 * 2. an incremental batch re-sending them all with 10 % changed (a change driver) and
 *    2 % new members.
 * Staging is filled with INSERT … SELECT FROM generate_series (not timed). Each merge runs in a
 * batch transaction, as the pipeline runs it; the per-statement times show where it goes.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx ts-node bench/scd2.bench.ts
 *   BENCH_EXPLAIN=1 …   also prints EXPLAIN (ANALYZE, BUFFERS) of the incremental classification
 *
 * Works in a scratch database it creates next to DATABASE_URL's and drops at the end.
 */
import 'reflect-metadata';
import { Scd2MergeCounts } from '../src/application/ports/scd2-repository.port';
import { SqlDatabase } from '../src/application/ports/sql-database.port';
import { AddBatchGeography } from '../src/application/load-dimensions/add-batch-geography';
import { DimMember } from '../src/domain/warehouse';
import { bindNamed } from '../src/infrastructure/persistence/named-params';
import { Scd2Repository } from '../src/infrastructure/persistence/scd2-repository';
import { attrHashSql, columnList } from '../src/infrastructure/persistence/scd2-sql';
import { stagingSourceSql } from '../src/infrastructure/persistence/scd2-staging-binding';
import { SCD2_STAGING_BINDINGS } from '../src/infrastructure/persistence/scd2-staging-bindings';
import { scd2TableOf } from '../src/infrastructure/persistence/scd2-table';
import { loadAverage } from './support/machine';
import { openScratchDatabase } from './support/scratch-database';
import { StatementLog, StatementTiming, TimedSession } from './support/timed-sql-database';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

/**
 * Staged members `first..last` of batch `loadId`; ids divisible by `changeEvery` get another
 * clinical segment (a change driver). Half the rows leave age_group to be derived from dob.
 */
function fillStagingSql(): string {
  return `
    INSERT INTO staging.members (
      load_id, source_line, member_id, first_name, last_name, dob, gender, state, zip, fpl_ratio,
      plan_metal, plan_network_access_type, region, clinical_segment, year, age_group, email,
      phone, street, city, hios_id, enrollment_length_continuous, general_agency_name,
      broker_name, sa_contracting_entity_name, call_count, app_login_count, web_login_count,
      new_member_in_period, member_used_app, member_had_web_login,
      member_visited_new_provider_ind, high_cost_member, mutually_exclusive_hcc_condition,
      geographic_reporting, wisconsin_area_deprivation_index, ra_mm)
    SELECT $1::bigint, g - $2::integer + 2,
           'M' || lpad(g::text, 8, '0'),
           'First' || (g % 997), 'Last' || (g % 1999),
           date '1945-01-01' + (g % 25000),
           (ARRAY['F', 'M', 'O', 'U'])[g % 4 + 1],
           s.code, lpad((g % 99999)::text, 5, '0'),
           ((g % 600) / 100.0)::numeric(6,3),
           (ARRAY['Bronze', 'Silver', 'Gold', 'Platinum', 'Catastrophic'])[g % 5 + 1],
           (ARRAY['HMO', 'PPO', 'EPO', 'POS'])[g % 4 + 1],
           s.region,
           CASE WHEN $4::integer > 0 AND g % $4::integer = 0 THEN 'Changed'
                ELSE (ARRAY['Healthy', 'Chronic', 'Complex', 'Behavioral'])[g % 4 + 1] END,
           2024,
           CASE WHEN g % 2 = 0 THEN NULL
                ELSE (ARRAY['<18', '18-25', '26-34', '35-44', '45-54', '55-64', '65+'])[g % 7 + 1] END,
           'member' || g || '@example.org', '555-' || lpad((g % 10000)::text, 4, '0'),
           g || ' Main St', 'City' || (g % 500), lpad((g % 100000)::text, 10, '0'),
           g % 36, 'Agency ' || (g % 20), 'Broker ' || (g % 50), 'Alliance ' || (g % 3),
           g % 7, g % 11, g % 13,
           g % 2 = 0, g % 3 = 0, g % 5 = 0, g % 7 = 0, g % 50 = 0,
           (ARRAY['Diabetes', 'CHF', 'COPD', NULL])[g % 4 + 1],
           s.region, g % 10 + 1, ((g % 3000) / 1000.0)::numeric(10,4)
      FROM generate_series($2::integer, $3::integer) AS g
      JOIN (VALUES (0, 'IL', 'Midwest'), (1, 'TX', 'South'), (2, 'CA', 'West'),
                   (3, 'NY', 'Northeast'), (4, 'PW', 'West'), (5, 'FL', 'South'))
           AS s (k, code, region) ON s.k = g % 6`;
}

/**
 * The hand-written reference, run on a copy of dim_member with the same indexes: expire the
 * current rows whose hash differs, insert what has no current row — two statements straight
 * from staging, no de-duplication, no type-1 step, no counts.
 */
async function referenceMerge(db: SqlDatabase, loadId: number, asOf: Date): Promise<number> {
  const table = scd2TableOf(DimMember);
  const binding = SCD2_STAGING_BINDINGS.get(DimMember);
  if (!binding) throw new Error('no member binding');
  const source = stagingSourceSql(table, binding);
  const columns = columnList(table.sourceColumns);
  const values = { as_of: asOf, load_id: loadId, as_of_ymd: 20240101 };
  const started = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('jit', 'off', true)`);
    const expire = bindNamed(
      `UPDATE bench.dim_member_reference d
          SET validity_end_ts = :as_of::timestamptz, current_flag = false
         FROM (${source}) s
        WHERE d.member_id = s.member_id
          AND d.current_flag
          AND d.attr_hash <> ${attrHashSql(table, 's')}`,
      values,
    );
    await tx.execute(expire.sql, expire.params);
    const insert = bindNamed(
      `INSERT INTO bench.dim_member_reference (${columns}, attr_hash, validity_start_ts, load_id)
       SELECT ${columnList(table.sourceColumns, 's')}, ${attrHashSql(table, 's')}, :as_of::timestamptz, :load_id::bigint
         FROM (${source}) s
        WHERE NOT EXISTS (SELECT 1 FROM bench.dim_member_reference d
                           WHERE d.member_id = s.member_id AND d.current_flag)`,
      values,
    );
    await tx.execute(insert.sql, insert.params);
  });
  return (performance.now() - started) / 1000;
}

async function stage(
  db: SqlDatabase,
  loadId: number,
  last: number,
  changeEvery: number,
): Promise<void> {
  await db.execute('TRUNCATE staging.members');
  await db.execute(fillStagingSql(), [loadId, 1, last, changeEvery]);
  await db.execute('ANALYZE staging.members');
}

async function mergeBatch(
  db: SqlDatabase,
  repository: Scd2Repository<DimMember>,
  loadId: number,
  asOf: Date,
): Promise<{ seconds: number; counts: Scd2MergeCounts; steps: StatementTiming[] }> {
  const log = new StatementLog();
  const started = performance.now();
  const counts = await db.transaction(async (tx) => {
    const timed = new TimedSession(tx, log);
    await new AddBatchGeography().add(timed, loadId);
    return repository.mergeStaged(timed, { loadId, asOf });
  });
  return { seconds: (performance.now() - started) / 1000, counts, steps: log.take() };
}

function report(label: string, run: Awaited<ReturnType<typeof mergeBatch>>): void {
  console.log(`\n${label}: ${run.seconds.toFixed(2)} s`);
  console.log(`  counts ${JSON.stringify(run.counts)}`);
  for (const s of run.steps) {
    console.log(
      `  ${s.seconds.toFixed(2).padStart(7)} s ${String(s.rows).padStart(8)} rows  ${s.sql.slice(0, 70)}`,
    );
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('postgres')) throw new Error('set DATABASE_URL to a PostgreSQL server');
  const scratch = await openScratchDatabase('postgres', {
    prefix: 'aca_bench_scd2',
    adminUrl: url,
  });
  const db = scratch.database.db;
  try {
    const repository = new Scd2Repository<DimMember>(
      DimMember,
      SCD2_STAGING_BINDINGS.get(DimMember),
    );
    const [version] = await db.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );
    console.log(`PostgreSQL ${version?.v}, ${MEMBERS.toLocaleString('en-US')} members`);
    // The machine may be shared: the load average puts the seconds below in context.
    console.log(`load average ${loadAverage().join(' ')}`);

    await db.execute('CREATE SCHEMA bench');
    await db.execute(
      'CREATE TABLE bench.dim_member_reference (LIKE warehouse.dim_member INCLUDING ALL)',
    );
    const first = new Date('2024-01-01T00:00:00Z');
    const second = new Date('2024-04-01T00:00:00Z');

    await stage(db, 1, MEMBERS, 0);
    const initialReference = await referenceMerge(db, 1, first);
    const initial = await mergeBatch(db, repository, 1, first);
    report('initial load', initial);
    console.log(`  reference: ${initialReference.toFixed(2)} s`);

    // Everyone re-sent, every 10th changed, 2 % new.
    await stage(db, 2, Math.round(MEMBERS * 1.02), 10);
    await db.execute('ANALYZE warehouse.dim_member');
    await db.execute('ANALYZE bench.dim_member_reference');
    const incrementalReference = await referenceMerge(db, 2, second);
    const incremental = await mergeBatch(db, repository, 2, second);
    report('incremental (10 % changed, 2 % new)', incremental);
    console.log(`  reference: ${incrementalReference.toFixed(2)} s`);

    if (EXPLAIN) {
      await db.transaction(async (tx) => {
        const plans = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS)
           SELECT count(*) FROM warehouse.dim_member d
             JOIN staging.members s ON s.member_id = d.member_id AND d.current_flag`,
        );
        console.log(plans.map((p) => p['QUERY PLAN']).join('\n'));
      });
    }
    const [versions] = await db.query<{ rows: number; current: number }>(
      `SELECT count(*) AS rows, count(*) FILTER (WHERE current_flag) AS current FROM warehouse.dim_member`,
    );
    console.log(`\ndim_member: ${versions?.rows} versions, ${versions?.current} current`);
    console.log(`load average ${loadAverage().join(' ')}`);
    console.log(
      JSON.stringify({
        bench: 'scd2',
        members: MEMBERS,
        initialSeconds: Number(initial.seconds.toFixed(2)),
        initialReferenceSeconds: Number(initialReference.toFixed(2)),
        incrementalSeconds: Number(incremental.seconds.toFixed(2)),
        incrementalReferenceSeconds: Number(incrementalReference.toFixed(2)),
      }),
    );
  } finally {
    await scratch.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
