import { expect } from 'chai';
import { Logger } from '../../../src/application/ports/logger.port';
import { QualityRunLike } from '../../../src/application/ports/pipeline-stages.port';
import { ProgressReporter } from '../../../src/application/ports/progress.port';
import { RunLock, RunLockBusyError } from '../../../src/application/ports/run-lock.port';
import { SeedSetSource } from '../../../src/application/ports/seed-set-source.port';
import {
  QueryResult,
  SqlDatabase,
  SqlSession,
} from '../../../src/application/ports/sql-database.port';
import { WarehouseAdmin } from '../../../src/application/ports/warehouse-admin.port';
import { BatchContext } from '../../../src/application/run-pipeline/batch-context';
import { renderSummary } from '../../../src/application/run-pipeline/batch-report';
import {
  parseStages,
  PipelineOptions,
} from '../../../src/application/run-pipeline/pipeline-options';
import { RunPipelineService } from '../../../src/application/run-pipeline/run-pipeline.service';
import { FactsResult, QualityResult } from '../../../src/application/run-pipeline/stage-results';
import { SeedSet } from '../../../src/domain/seed-set/seed-set';
import { seedSetFixture } from '../../contract/load-batch-repository.contract';
import { InMemoryLoadBatchRepository } from '../../support/fakes/in-memory-load-batch.repository';

const silent: Logger = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };
const noProgress: ProgressReporter = { batchStarted() {}, stageFinished() {}, batchFinished() {} };

/** Records what happens inside "transactions"; a thrown error marks the transaction rolled back. */
class RecordingDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;
  readonly events: string[] = [];
  async query<T>(): Promise<T[]> {
    return [];
  }
  async execute(): Promise<QueryResult> {
    return { rows: [], rowCount: 0 };
  }
  async copyFrom(): Promise<number> {
    return 0;
  }
  async transaction<R>(work: (tx: SqlSession) => Promise<R>): Promise<R> {
    this.events.push('begin');
    try {
      const tx: SqlSession = { query: this.query, execute: this.execute, copyFrom: this.copyFrom };
      const result = await work(tx);
      this.events.push('commit');
      return result;
    } catch (error) {
      this.events.push('rollback');
      throw error;
    }
  }
  async close(): Promise<void> {}
}

class FakeSeedSets implements SeedSetSource {
  constructor(private readonly sets: Record<string, SeedSet>) {}
  async open(folder: string): Promise<SeedSet> {
    const set = this.sets[folder];
    if (!set) throw new Error(`no seed set ${folder}`);
    return set;
  }
  async listSeedSets(parent: string): Promise<string[]> {
    return Object.values(this.sets)
      .filter((s) => s.folder.startsWith(`${parent}/`))
      .sort((a, b) => a.asOf.getTime() - b.asOf.getTime())
      .map((s) => s.folder);
  }
  // eslint-disable-next-line require-yield -- the pipeline never reads file contents itself
  async *read(): AsyncIterable<Buffer> {
    throw new Error('not used by the pipeline');
  }
}

const facts: FactsResult = {
  claimsInserted: 10,
  claimsUpdated: 2,
  inferredMembers: 0,
  inferredProviders: 0,
  inferredPlans: 0,
  enrollmentPeriods: 4,
  enrollmentMembers: 3,
  touchedMonths: ['2024-01-01'],
};

function harness(
  sets: Record<string, SeedSet>,
  quality: QualityResult = { passed: 5, warned: 1, failed: 0, errorFailures: [] },
) {
  const db = new RecordingDatabase();
  const batches = new InMemoryLoadBatchRepository();
  const calls: string[] = [];
  const saved: QualityRunLike[] = [];
  let busy = false;
  const lock: RunLock = {
    async acquire() {
      if (busy) throw new RunLockBusyError('process 42 on host');
      calls.push('lock');
      return async () => {
        calls.push('unlock');
      };
    },
  };
  const admin: WarehouseAdmin = {
    async migrate() {
      calls.push('migrate');
      return [];
    },
    async reset() {
      calls.push('reset');
      batches.rows.length = 0;
    },
  };
  let failFacts: Error | null = null;
  const stage = (name: string) => (_tx: SqlSession, ctx: BatchContext) => {
    calls.push(`${name}:${ctx.loadId}`);
  };
  const service = new RunPipelineService(
    db,
    new FakeSeedSets(sets),
    batches,
    lock,
    admin,
    {
      async stage(tx, ctx) {
        stage('stage')(tx, ctx);
        return {
          files: ctx.seedSet.files.map((f) => ({
            file: f.name,
            sha256: f.sha256,
            bytes: f.bytes,
            read: 3,
            staged: 3,
            rejected: 0,
            duplicates: 0,
            conflicts: 0,
            unknownColumns: [],
          })),
        };
      },
    },
    {
      async load(tx, ctx) {
        stage('dimensions')(tx, ctx);
        return {
          dimensions: [
            {
              dimension: 'dim_member',
              newKeys: 3,
              changed: 1,
              unchanged: 0,
              type1Updated: 0,
              inferredCompleted: 0,
            },
          ],
        };
      },
    },
    {
      async load(tx, ctx) {
        stage('facts')(tx, ctx);
        if (failFacts) throw failFacts;
        return facts;
      },
    },
    {
      async run(_s, scope) {
        calls.push(`quality:${scope.loadId}`);
        return { summary: quality };
      },
      async save(s, run) {
        calls.push(s === db ? 'save-quality' : 'save-quality-in-tx');
        saved.push(run);
      },
    },
    {
      async refresh(tx, ctx, months) {
        stage('marts')(tx, ctx);
        calls.push(`months:${months.join(',')}`);
        return { refreshed: [] };
      },
    },
    noProgress,
    silent,
  );
  return {
    db,
    batches,
    calls,
    saved,
    service,
    setBusy: (b: boolean) => (busy = b),
    failFactsWith: (e: Error) => (failFacts = e),
    run: (o: Partial<PipelineOptions> & Pick<PipelineOptions, 'mode' | 'source'>) => service.run(o),
  };
}

const full = seedSetFixture('/seeds/20250101', '2025-01-01T00:00:00Z', 'a');
const incr1 = {
  ...seedSetFixture('/seeds/20250401', '2025-04-01T00:00:00Z', 'b'),
  kind: 'incremental' as const,
};
const incr2 = {
  ...seedSetFixture('/seeds/20250701', '2025-07-01T00:00:00Z', 'c'),
  kind: 'incremental' as const,
};

describe('RunPipelineService', () => {
  it('runs every stage of a batch in order inside one transaction, under the lock', async () => {
    const h = harness({ [full.folder]: full });
    const report = await h.run({ mode: 'full', source: full.folder });
    expect(h.calls).to.deep.equal([
      'lock',
      'migrate',
      'stage:1',
      'dimensions:1',
      'facts:1',
      'quality:1',
      'save-quality-in-tx',
      'marts:1',
      'months:2024-01-01',
      'unlock',
    ]);
    expect(h.db.events).to.deep.equal(['begin', 'commit']);
    expect(report.batches.map((b) => [b.loadId, b.status])).to.deep.equal([[1, 'succeeded']]);
    expect(h.batches.rows[0]?.status).to.equal('succeeded');
    expect(h.batches.recordedFiles.get(1)?.map((f) => [f.file, f.staged])).to.deep.equal([
      ['members.csv', 3],
      ['claims.csv', 3],
    ]);
    expect(renderSummary(report))
      .to.match(/^load_id\s+as_of\s+status\s+staged/)
      .and.match(/1\s+2025-01-01T00:00:00Z\s+succeeded\s+6\s+0\s+4\s+10\s+2\s+5\s+1\s+0/);
  });

  it('skips a seed set already loaded with the same checksums', async () => {
    const h = harness({ [full.folder]: full });
    await h.run({ mode: 'full', source: full.folder });
    const again = await h.run({ mode: 'full', source: full.folder });
    expect(again.batches.map((b) => [b.loadId, b.status])).to.deep.equal([[1, 'skipped']]);
    expect(h.batches.rows).to.have.length(1);
  });

  it('loads newer seed sets in as_of order in incremental mode, then nothing on a re-run', async () => {
    const h = harness({ [incr2.folder]: incr2, [full.folder]: full, [incr1.folder]: incr1 });
    const first = await h.run({ mode: 'incremental', source: '/seeds' });
    expect(first.batches.map((b) => [b.source, b.status])).to.deep.equal([
      [full.folder, 'succeeded'],
      [incr1.folder, 'succeeded'],
      [incr2.folder, 'succeeded'],
    ]);
    const second = await h.run({ mode: 'incremental', source: '/seeds' });
    expect(second.batches.map((b) => b.status)).to.deep.equal(['skipped', 'skipped', 'skipped']);
    expect(h.batches.rows).to.have.length(3);
  });

  it('refuses a seed set older than what is loaded, naming both as_of values', async () => {
    const h = harness({ [incr1.folder]: incr1, [full.folder]: full });
    await h.run({ mode: 'incremental', source: incr1.folder });
    let message = '';
    await h
      .run({ mode: 'incremental', source: full.folder })
      .catch((e: Error) => (message = e.message));
    expect(message).to.equal(
      'Seed set /seeds/20250101 has as_of 2025-01-01T00:00:00.000Z, not after 2025-04-01T00:00:00.000Z already loaded by batch 1; seed sets load in as_of order.',
    );
    expect(h.calls.at(-1)).to.equal('unlock');
  });

  it('refuses a full load into a non-empty warehouse unless --reset', async () => {
    const h = harness({ [full.folder]: full, [incr1.folder]: { ...incr1, kind: 'full' } });
    await h.run({ mode: 'full', source: full.folder });
    let message = '';
    await h.run({ mode: 'full', source: incr1.folder }).catch((e: Error) => (message = e.message));
    expect(message).to.match(
      /^The warehouse already holds loaded batches; a full load of \/seeds\/20250401 would mix histories\. Use --reset/,
    );
    const reset = await h.run({ mode: 'full', source: incr1.folder, reset: true });
    expect(reset.batches[0]?.status).to.equal('succeeded');
    expect(h.calls).to.include('reset');
  });

  it('rolls a failing batch back, records the error and stops before later seed sets', async () => {
    const h = harness({ [full.folder]: full, [incr1.folder]: incr1 });
    h.failFactsWith(new Error('claims.csv line 7 column paid_amount: boom'));
    const report = await h.run({ mode: 'incremental', source: '/seeds' });
    expect(report.batches.map((b) => [b.loadId, b.status, b.error])).to.deep.equal([
      [1, 'failed', 'claims.csv line 7 column paid_amount: boom'],
    ]);
    expect(h.db.events).to.deep.equal(['begin', 'rollback']);
    expect(h.batches.rows[0]).to.include({
      status: 'failed',
      error: 'claims.csv line 7 column paid_amount: boom',
    });
    expect(await h.batches.latestLoaded()).to.equal(null);
  });

  it('fails the batch on an error-severity check, keeps the marts untouched and saves the findings outside the transaction', async () => {
    const h = harness(
      { [full.folder]: full },
      { passed: 3, warned: 0, failed: 1, errorFailures: ['fact_claim_paid_le_allowed'] },
    );
    const report = await h.run({ mode: 'full', source: full.folder });
    expect(report.batches[0]?.status).to.equal('failed');
    expect(report.batches[0]?.error).to.equal(
      'Data-quality checks of severity error failed: fact_claim_paid_le_allowed',
    );
    expect(h.calls).to.not.include('marts:1');
    expect(h.calls).to.include('save-quality');
    expect(h.db.events).to.deep.equal(['begin', 'rollback']);
  });

  it('runs only the requested prefix of stages and does not count the seed set as loaded', async () => {
    const h = harness({ [full.folder]: full });
    await h.run({ mode: 'full', source: full.folder, stages: parseStages('stage') });
    expect(h.calls.filter((c) => c.includes(':'))).to.deep.equal(['stage:1']);
    expect(
      await h.batches.findLoadedWithChecksums({ 'members.csv': 'm-a', 'claims.csv': 'c-a' }),
    ).to.equal(null);
  });

  it('says who holds the lock when another run is in progress', async () => {
    const h = harness({ [full.folder]: full });
    h.setBusy(true);
    let error: unknown;
    await h.run({ mode: 'full', source: full.folder }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RunLockBusyError);
    expect((error as Error).message).to.equal(
      'Another ETL run holds the warehouse lock (process 42 on host); wait for it to finish or run with --wait.',
    );
    expect(h.calls).to.deep.equal([]);
  });

  it('validates --stages as a prefix of the stage order', () => {
    expect(parseStages(undefined)).to.deep.equal([
      'stage',
      'dimensions',
      'facts',
      'quality',
      'marts',
    ]);
    expect(parseStages('stage,dimensions')).to.deep.equal(['stage', 'dimensions']);
    expect(() => parseStages('facts')).to.throw(
      '--stages must be a prefix of stage,dimensions,facts,quality,marts',
    );
    expect(() => parseStages('stage,cube')).to.throw("Unknown stage 'cube'");
  });
});
