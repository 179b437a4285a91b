import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DependencyContainer } from 'tsyringe';
import { Logger } from '../../../src/application/ports/logger.port';
import { QueryCubeService } from '../../../src/application/query-cube/query-cube.service';
import { PipelineReport } from '../../../src/application/run-pipeline/batch-report';
import { RunPipelineService } from '../../../src/application/run-pipeline/run-pipeline.service';
import { tokenizeCsv } from '../../../src/domain/staging/csv-tokenizer';
import { AppConfig } from '../../../src/infrastructure/config/app-config';
import { buildContainer } from '../../../src/infrastructure/di/container';
import { createGenerateSeedSetService } from '../../../src/infrastructure/seed-writer/generate-seed-set.factory';
import { describeOnEngines } from '../../support/test-database';

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };

interface Manifest {
  changes?: {
    members_changed: number;
    members_new: number;
    members_resent: number;
    claims_resolved: number;
  };
}

/** Rows of a seed CSV as objects keyed by header. */
function readCsv(path: string): Array<Record<string, string>> {
  const [header, ...records] = tokenizeCsv(readFileSync(path));
  return records.map((r) =>
    Object.fromEntries(header!.fields.map((name, i) => [name, r.fields[i] ?? ''])),
  );
}

const cents = (amount: string): number => Math.round(Number(amount) * 100);

describeOnEngines('pipeline end to end: full + two incrementals', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'aca-e2e-'));
  const seeds = join(root, 'seeds');
  const folders: string[] = [];
  let container: DependencyContainer;
  let pipeline: RunPipelineService;
  const reports: PipelineReport[] = [];

  before(async function () {
    this.timeout(600_000);
    const generator = createGenerateSeedSetService();
    const full = await generator.run({
      kind: 'full',
      outDir: seeds,
      asOf: new Date('2025-01-01T00:00:00Z'),
      seed: 7,
      members: 300,
      years: 1,
      providers: 60,
      plans: 12,
      claimsPerMemberYear: 6,
      workers: 1,
      messy: false,
      messyRate: 0,
    });
    const incremental = (from: string, asOf: string, resendRate: number) =>
      generator.run({
        kind: 'incremental',
        outDir: seeds,
        from,
        asOf: new Date(asOf),
        changeRate: 0.1,
        resendRate,
        newMemberRate: 0.05,
        providerChangeRate: 0.05,
        messy: false,
        messyRate: 0,
      });
    const first = await incremental(full.folder, '2025-04-01T00:00:00Z', 0.05);
    const second = await incremental(first.folder, '2025-07-01T00:00:00Z', 0);
    folders.push(full.folder, first.folder, second.folder);

    container = buildContainer({
      config: new AppConfig(),
      target: t.target,
      database: { db: t.db, dataSource: t.dataSource },
      logger: silent,
    });
    pipeline = container.resolve(RunPipelineService);
    reports.push(await pipeline.run({ mode: 'full', source: full.folder }));
    reports.push(await pipeline.run({ mode: 'incremental', source: seeds }));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('loads the full set, then exactly the two newer sets, each green on data quality', () => {
    expect(reports[0]!.batches.map((b) => [b.status, b.error])).to.deep.equal([
      ['succeeded', undefined],
    ]);
    expect(reports[1]!.batches.map((b) => [b.source, b.status])).to.deep.equal([
      [folders[0], 'skipped'],
      [folders[1], 'succeeded'],
      [folders[2], 'succeeded'],
    ]);
    for (const batch of [...reports[0]!.batches, ...reports[1]!.batches.slice(1)]) {
      expect(batch.quality?.failed, `batch ${batch.loadId}`).to.equal(0);
      expect(batch.quality?.errorFailures).to.deep.equal([]);
      expect(batch.files.reduce((n, f) => n + f.rejected, 0)).to.equal(0);
    }
  });

  it('versions members exactly as the seed sets changed them, re-sent rows unversioned', async () => {
    const manifests = folders
      .slice(1)
      .map((f) => JSON.parse(readFileSync(join(f, 'manifest.json'), 'utf8')) as Manifest);
    const fullMembers = readCsv(join(folders[0]!, 'members.csv')).length;
    const changed = manifests.reduce((n, m) => n + m.changes!.members_changed, 0);
    const added = manifests.reduce((n, m) => n + m.changes!.members_new, 0);
    expect(manifests[0]!.changes!.members_resent).to.be.greaterThan(0);
    const [row] = await t.db.query<{
      keys: number;
      versions: number;
      current: number;
      overlaps: number;
    }>(
      `SELECT count(DISTINCT member_id) AS keys, count(*) AS versions, count(*) FILTER (WHERE current_flag) AS current,
              (SELECT count(*) FROM warehouse.dim_member a JOIN warehouse.dim_member b
                  ON a.member_id = b.member_id AND a.member_sk < b.member_sk
                 AND a.validity_start_ts < b.validity_end_ts AND b.validity_start_ts < a.validity_end_ts) AS overlaps
         FROM warehouse.dim_member WHERE NOT is_inferred`,
    );
    expect(row).to.deep.equal({
      keys: fullMembers + added,
      versions: fullMembers + added + changed,
      current: fullMembers + added,
      overlaps: 0,
    });
  });

  it('keys every claim to the member, provider and plan versions in force on its service date', async () => {
    const [row] = await t.db.query<{
      claims: number;
      wrong_member: number;
      wrong_provider: number;
      later_versions: number;
    }>(
      `WITH keyed AS (
         SELECT f.service_date, m.validity_start_ts AS m_start, m.validity_end_ts AS m_end,
                m.member_sk <> (SELECT min(member_sk) FROM warehouse.dim_member x WHERE x.member_id = f.member_id) AS later_member_version,
                (SELECT min(validity_start_ts) FROM warehouse.dim_member x WHERE x.member_id = f.member_id) AS m_first,
                p.validity_start_ts AS p_start, p.validity_end_ts AS p_end,
                (SELECT min(validity_start_ts) FROM warehouse.dim_provider x WHERE x.provider_id = p.provider_id) AS p_first
           FROM warehouse.fact_claim f
           JOIN warehouse.dim_member m ON m.member_id = f.member_id AND m.member_sk = f.member_sk
           JOIN warehouse.dim_provider p ON p.provider_sk = f.provider_sk
       )
       SELECT count(*) AS claims,
              count(*) FILTER (WHERE NOT (service_date >= m_start AND service_date < m_end)
                                 AND NOT (service_date < m_first AND m_start = m_first)) AS wrong_member,
              count(*) FILTER (WHERE NOT (service_date >= p_start AND service_date < p_end)
                                 AND NOT (service_date < p_first AND p_start = p_first)) AS wrong_provider,
              count(*) FILTER (WHERE later_member_version) AS later_versions
         FROM keyed`,
    );
    expect(row!.wrong_member).to.equal(0);
    expect(row!.wrong_provider).to.equal(0);
    expect(
      row!.later_versions,
      'claims after a member change join the new version',
    ).to.be.greaterThan(0);
    const [unkeyed] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM warehouse.fact_claim WHERE member_sk IS NULL OR provider_sk IS NULL OR plan_sk IS NULL OR date_key IS NULL`,
    );
    expect(unkeyed!.n).to.equal(0);
  });

  it('holds one fact row per claim with the amounts of its latest delivery, to the cent', async () => {
    const latest = new Map<string, Record<string, string>>();
    for (const folder of folders)
      for (const claim of readCsv(join(folder, 'claims.csv'))) latest.set(claim.claim_id!, claim);
    let paid = 0;
    let allowed = 0;
    let pending = 0;
    for (const claim of latest.values()) {
      paid += cents(claim.paid_amount!);
      allowed += cents(claim.allowed_amount!);
      if (claim.status === 'pending') pending += 1;
    }
    const [row] = await t.db.query<{
      claims: number;
      paid: string;
      allowed: string;
      pending: number;
    }>(
      `SELECT count(*) AS claims, sum(paid_amount) AS paid, sum(allowed_amount) AS allowed,
              count(*) FILTER (WHERE status = 'pending') AS pending
         FROM warehouse.fact_claim`,
    );
    expect(row!.claims).to.equal(latest.size);
    expect(cents(row!.paid)).to.equal(paid);
    expect(cents(row!.allowed)).to.equal(allowed);
    expect(row!.pending).to.equal(pending);
    const updated = reports[1]!.batches
      .slice(1)
      .reduce((n, b) => n + (b.facts?.claimsUpdated ?? 0), 0);
    expect(updated, 're-sent pending claims update in place').to.be.greaterThan(0);
  });

  it('sums premium over coverage periods to the premium of the latest delivery of every span', async () => {
    const spans = new Map<string, string>();
    for (const folder of folders) {
      for (const s of readCsv(join(folder, 'enrollments.csv')))
        spans.set(`${s.member_id}|${s.plan_id}|${s.start_date}`, s.premium_paid!);
    }
    const expected = [...spans.values()].reduce((n, p) => n + cents(p), 0);
    const [row] = await t.db.query<{ premium: string; spans: number }>(
      `SELECT sum(premium_paid) AS premium, sum(span_count)::int AS spans FROM warehouse.fact_enrollment`,
    );
    expect(cents(row!.premium)).to.equal(expected);
    expect(row!.spans).to.equal(spans.size);
  });

  it('answers the cube grand total and every metal tier with the fact totals', async () => {
    const cube = container.resolve(QueryCubeService);
    const total = await cube.query({ measures: ['claims', 'paid'], by: [] });
    const [fact] = await t.db.query<{ claims: number; paid: string }>(
      `SELECT count(*) AS claims, sum(paid_amount) AS paid FROM warehouse.fact_claim`,
    );
    expect(total.rows).to.have.length(1);
    expect(total.rows[0]!.claims).to.equal(fact!.claims);
    expect(cents(String(total.rows[0]!.paid))).to.equal(cents(fact!.paid));
    const byMetal = await cube.query({ measures: ['paid'], by: ['metal_tier'] });
    expect(byMetal.rows.reduce((n, r) => n + cents(String(r.paid)), 0)).to.equal(cents(fact!.paid));
  });

  it('changes nothing when run again', async () => {
    const snapshot = () =>
      t.db.query(
        `SELECT (SELECT count(*) FROM warehouse.dim_member) AS members, (SELECT count(*) FROM warehouse.fact_claim) AS claims,
                (SELECT sum(paid_amount) FROM warehouse.fact_claim) AS paid, (SELECT count(*) FROM warehouse.fact_enrollment) AS periods,
                (SELECT count(*) FROM etl.load_batch) AS batches, (SELECT sum(paid) FROM mart.claims_cube) AS cube_paid`,
      );
    const before = await snapshot();
    const again = await pipeline.run({ mode: 'incremental', source: seeds });
    expect(again.batches.map((b) => b.status)).to.deep.equal(['skipped', 'skipped', 'skipped']);
    expect(await snapshot()).to.deep.equal(before);
  });
});
