import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchResult, StageFigure } from '../../../bench/support/bench-result';
import { renderMarkdown } from '../../../bench/support/markdown-report';
import { chooseEngines, runBenchmark } from '../../../bench/support/run-benchmark';

const PIPELINE_STAGES = ['stage', 'dimensions', 'facts', 'quality', 'marts', 'pipeline'];
const FILES = ['members.csv', 'plans.csv', 'providers.csv', 'enrollments.csv', 'claims.csv'];

/**
 * The benchmark harness end to end at a tiny scale on PGlite: not a measurement (no timed
 * assertions), a guard that the harness still runs every stage and writes its JSON.
 */
describe('benchmark harness: a tiny run on PGlite', function () {
  this.timeout(300_000);
  const root = mkdtempSync(join(tmpdir(), 'aca-bench-test-'));
  const seedDir = join(root, 'seeds');
  const jsonPath = join(root, 'results', 'bench.json');
  let returned: BenchResult;
  let json: BenchResult;

  before(async () => {
    returned = await runBenchmark({
      members: 300,
      engines: ['pglite'],
      skippedEngines: [{ engine: 'postgres', reason: 'not in --engines pglite' }],
      workers: 1,
      cubeRuns: 2,
      seedDir,
      jsonPath,
    });
    json = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResult;
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const stagesOf = (batch: string): StageFigure[] =>
    json.engines[0]!.stages.filter((s) => s.batch === batch);

  it('writes the JSON it returns', () => {
    expect(json).to.deep.equal(JSON.parse(JSON.stringify(returned)));
  });

  it('times generation and every stage of the full and the incremental batch, with rows', () => {
    expect(json.generate.map((g) => g.stage)).to.deep.equal([
      'generate full',
      'generate incremental',
    ]);
    expect(json.engines.map((e) => e.engine)).to.deep.equal(['pglite']);
    expect(stagesOf('full').map((s) => s.stage)).to.deep.equal(PIPELINE_STAGES);
    expect(stagesOf('incremental').map((s) => s.stage)).to.deep.equal([...PIPELINE_STAGES, 'cube']);
    for (const figure of [...json.generate, ...json.engines[0]!.stages]) {
      const label = `${figure.batch} ${figure.stage}`;
      expect(figure.seconds, label).to.be.greaterThan(0);
      expect(figure.rows, label).to.be.greaterThan(0);
      expect(figure.rowsPerSecond, label).to.be.greaterThan(0);
      expect(figure.peakRssMB, label).to.be.greaterThan(0);
    }
    const full = stagesOf('full');
    const read = json.scale.rows.full;
    expect(full.find((s) => s.stage === 'stage')!.rows).to.equal(
      FILES.reduce((n, f) => n + (read[f] ?? 0), 0),
    );
    expect(json.scale.rows.full['members.csv']).to.equal(300);
    expect(json.scale.rows.incremental['members.csv']).to.be.greaterThan(0);
  });

  it('measures the limits in the same run and each stage against its own', () => {
    const limits = json.engines[0]!.limits;
    expect(limits.rawCopy.full.map((r) => r.file)).to.have.members(FILES);
    expect(limits.rawCopy.incremental.map((r) => r.file)).to.have.members(FILES);
    for (const copy of [...limits.rawCopy.full, ...limits.rawCopy.incremental]) {
      expect(copy.seconds, copy.file).to.be.greaterThan(0);
    }
    expect(limits.rawCopy.full.find((r) => r.file === 'claims.csv')!.rows).to.equal(
      json.scale.rows.full['claims.csv'],
    );
    expect(limits.plainInsert.map((p) => p.table)).to.deep.equal([
      'warehouse.fact_claim',
      'warehouse.fact_enrollment',
    ]);
    expect(limits.plainInsert[0]!.rows).to.equal(json.scale.rows.full['claims.csv']);
    expect(limits.plainInsertIndexesAfter.rows).to.equal(limits.plainInsert[0]!.rows);
    expect(limits.plainInsertIndexesAfter.seconds).to.be.greaterThan(0);
    for (const batch of ['full', 'incremental']) {
      const stage = stagesOf(batch).find((s) => s.stage === 'stage')!;
      expect(stage.limit!.seconds).to.be.greaterThan(0);
      const ratio = stage.seconds / stage.limit!.seconds;
      expect(stage.ratio).to.be.closeTo(ratio, ratio * 0.05);
      // PGlite: the engine's CPU is this process's
      expect(stage.cpuRatio).to.be.greaterThan(0);
    }
    const facts = stagesOf('full').find((s) => s.stage === 'facts')!;
    expect(facts.limit!.rows).to.equal(limits.plainInsert[0]!.rows + limits.plainInsert[1]!.rows);
    expect(facts.ratio).to.be.greaterThan(0);
  });

  it('records the machine, the engine version, memory, SCD2 merges, cube latency and targets', () => {
    expect(json.machine.cpus).to.be.greaterThan(0);
    expect(json.machine.node).to.equal(process.version);
    expect(json.machine.loadAverageStart).to.have.length(3);
    expect(json.engines[0]!.info.version).to.match(/^PGlite \d+\.\d+\.\d+ \(PostgreSQL \d+/);
    expect(json.engines[0]!.info.version).to.contain(json.machine.versions.pglite);
    expect(json.engines[0]!.peakRssMB).to.be.greaterThan(0);
    expect(json.peakRssMB).to.be.at.least(json.engines[0]!.peakRssMB);
    const merges = stagesOf('incremental').find((s) => s.stage === 'dimensions')!.details!
      .mergeSeconds as Record<string, number>;
    expect(Object.keys(merges)).to.include('dim_member');
    const cube = json.engines[0]!.cube;
    expect(cube.queries.length).to.be.at.least(5);
    for (const q of cube.queries) {
      expect(q.runs, q.name).to.equal(2);
      expect(q.p95Ms, q.name).to.be.at.least(q.p50Ms);
    }
    expect(cube.queries.filter((q) => q.rows > 0).length).to.equal(cube.queries.length);
    expect(json.skippedEngines).to.deep.equal([
      { engine: 'postgres', reason: 'not in --engines pglite' },
    ]);
    const staging = json.targets.find((t) => t.name === 'staging / raw COPY (full)')!;
    expect(staging.engine).to.equal('pglite');
    // time targets are for 1M members
    expect(json.targets.find((t) => t.name.startsWith('whole pipeline'))!.met).to.equal(null);
  });

  it('renders the figures as Markdown and deletes the generated seed sets', () => {
    const markdown = renderMarkdown(json);
    expect(markdown).to.contain('| full | facts |');
    expect(markdown).to.contain('| incremental | cube |');
    expect(markdown).to.contain('postgres not run: not in --engines pglite');
    expect(readdirSync(seedDir)).to.deep.equal([]);
  });
});

describe('benchmark harness: engine choice', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/postgres';

  it('runs PostgreSQL when DATABASE_URL is set, plus PGlite below 1M members', () => {
    expect(chooseEngines(undefined, 100_000, url)).to.deep.equal({
      engines: ['postgres', 'pglite'],
      skipped: [],
    });
    expect(chooseEngines(undefined, 100_000, undefined).engines).to.deep.equal(['pglite']);
  });

  it('leaves PGlite out at 1M members unless asked for, and says so', () => {
    const { engines, skipped } = chooseEngines(undefined, 1_000_000, url);
    expect(engines).to.deep.equal(['postgres']);
    expect(skipped[0]!.engine).to.equal('pglite');
    expect(skipped[0]!.reason).to.contain('--engines pglite runs it anyway');
    expect(chooseEngines('postgres,pglite', 1_000_000, url).engines).to.deep.equal([
      'postgres',
      'pglite',
    ]);
  });

  it('refuses unknown engines and PostgreSQL without DATABASE_URL', () => {
    expect(() => chooseEngines('mysql', 1000, url)).to.throw(
      "--engines takes postgres and/or pglite, got 'mysql'",
    );
    expect(() => chooseEngines('postgres', 1000, undefined)).to.throw(
      '--engines postgres needs DATABASE_URL',
    );
  });
});
