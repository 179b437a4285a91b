import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { container } from 'tsyringe';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { LoadFactsService } from '../../../src/application/load-facts/load-facts.service';
import {
  CLAIMS_FILE,
  ENROLLMENTS_FILE,
  SeedFileSpec,
  sqlTypeOf,
} from '../../../src/domain/seed-contract';
import { describeOnEngines } from '../../support/test-database';
import { batchContext } from './fact-batch';

const PEER_SEEDS = path.resolve(__dirname, '../../../../shared/peer-seeds');

/**
 * Stages a peer-seed file as the stager would (typed, load_id, source_line) without depending
 * on it: COPY into a text table, then cast with the contract's types.
 */
async function stagePeerFile(tx: SqlSession, spec: SeedFileSpec, loadId: number): Promise<void> {
  const file = await readFile(path.join(PEER_SEEDS, spec.file));
  const header = file.subarray(0, file.indexOf('\n')).toString().trim().split(',');
  await tx.execute(`DROP TABLE IF EXISTS pg_temp.peer_rows`);
  await tx.execute(
    `CREATE TEMPORARY TABLE peer_rows (line serial, ${header.map((h) => `${h} text`).join(', ')})`,
  );
  await tx.copyFrom(
    `COPY peer_rows (${header.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
    (async function* () {
      yield file;
    })(),
  );
  const columns = spec.columns.filter((c) => header.includes(c.name));
  await tx.execute(
    `INSERT INTO staging.${spec.entity} (load_id, source_line, ${columns.map((c) => c.name).join(', ')})
     SELECT $1, line + 1, ${columns.map((c) => `nullif(${c.name}, '')::${sqlTypeOf(c)}`).join(', ')}
       FROM peer_rows`,
    [loadId],
  );
}

/** One version per referenced key, as the dimension stage would leave them (valid from 2024). */
async function dimensionsFor(tx: SqlSession, loadId: number): Promise<void> {
  const common = `timestamptz '2024-01-01T00:00:00Z', '\\x00'::bytea, ${loadId}`;
  await tx.execute(
    `INSERT INTO warehouse.dim_member (member_id, validity_start_ts, attr_hash, load_id)
     SELECT DISTINCT member_id, ${common}
       FROM (SELECT member_id FROM staging.claims UNION SELECT member_id FROM staging.enrollments) k`,
  );
  await tx.execute(
    `INSERT INTO warehouse.dim_provider (provider_id, validity_start_ts, attr_hash, load_id)
     SELECT DISTINCT provider_id, ${common} FROM staging.claims`,
  );
  await tx.execute(
    `INSERT INTO warehouse.dim_plan (plan_id, effective_year, validity_start_ts, attr_hash, load_id)
     SELECT DISTINCT plan_id, 2024, ${common}
       FROM (SELECT plan_id FROM staging.claims UNION SELECT plan_id FROM staging.enrollments) k`,
  );
  await tx.execute(
    `INSERT INTO warehouse.dim_enrollment
       (member_id, plan_id, start_date, end_date, premium_paid, csr_variant, enrollment_id,
        validity_start_ts, attr_hash, load_id)
     SELECT member_id, plan_id, start_date, end_date, premium_paid, csr_variant, enrollment_id,
            ${common}
       FROM staging.enrollments`,
  );
}

describeOnEngines('load facts from the peer seed set', (t) => {
  const service = container.resolve(LoadFactsService);

  it('loads every peer claim once and reconciles amounts and coverage', async () => {
    const result = await t.db.transaction(async (tx) => {
      await stagePeerFile(tx, CLAIMS_FILE, 1);
      await stagePeerFile(tx, ENROLLMENTS_FILE, 1);
      await dimensionsFor(tx, 1);
      return service.load(tx, batchContext(1, '2024-12-31', 'full'));
    });

    expect(result).to.deep.include({ claimsInserted: 5187, claimsUpdated: 0, inferredMembers: 0 });
    const [claims] = await t.db.query<{
      staged: string;
      fact: string;
      months: number;
      rows: number;
    }>(
      `SELECT (SELECT sum(paid_amount) FROM staging.claims)::text AS staged,
              (SELECT sum(paid_amount) FROM warehouse.fact_claim)::text AS fact,
              (SELECT count(DISTINCT date_trunc('month', service_date)) FROM staging.claims)::integer AS months,
              (SELECT count(*) FROM warehouse.fact_claim) AS rows`,
    );
    expect(claims.fact).to.equal(claims.staged);
    expect(claims.rows).to.equal(5187);
    expect(result.touchedMonths).to.have.length(claims.months);

    expect(result.enrollmentMembers).to.be.greaterThan(0);
    const [coverage] = await t.db.query<{
      staged: string;
      fact: string;
      spans: number;
      periods: number;
      adjacent: number;
    }>(
      `SELECT (SELECT sum(premium_paid) FROM staging.enrollments)::text AS staged,
              (SELECT sum(premium_paid) FROM warehouse.fact_enrollment)::text AS fact,
              (SELECT sum(span_count) FROM warehouse.fact_enrollment)::integer AS spans,
              (SELECT count(*) FROM warehouse.fact_enrollment) AS periods,
              -- no two periods of one member and plan may overlap or touch
              (SELECT count(*)
                 FROM warehouse.fact_enrollment a
                 JOIN warehouse.fact_enrollment b
                   ON b.member_id = a.member_id AND b.plan_id = a.plan_id
                  AND b.start_date > a.start_date
                  AND b.start_date <= coalesce(a.end_date, 'infinity') + 1) AS adjacent`,
    );
    expect(coverage).to.deep.include({ fact: coverage.staged, spans: 1727, adjacent: 0 });
    expect(coverage.periods).to.equal(result.enrollmentPeriods);
  });

  it('counts every claim as updated, and rewrites none, when the same file is sent again', async () => {
    const result = await t.db.transaction(async (tx) => {
      await stagePeerFile(tx, CLAIMS_FILE, 2);
      return service.load(tx, batchContext(2, '2025-01-31'));
    });
    expect(result).to.deep.include({ claimsInserted: 0, claimsUpdated: 5187 });
    expect(result.touchedMonths).to.deep.equal([]);
    // identical re-sends are counted but not rewritten: rows keep the batch that wrote them
    const [row] = await t.db.query<{ n: number; load_id: number }>(
      `SELECT count(*) AS n, max(load_id) AS load_id FROM warehouse.fact_claim`,
    );
    expect(row).to.deep.equal({ n: 5187, load_id: 1 });
  });
});
