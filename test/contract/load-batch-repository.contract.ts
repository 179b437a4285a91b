import { expect } from 'chai';
import { LoadBatchRepository } from '../../src/application/ports/load-batch-repository.port';
import { PIPELINE_STAGES } from '../../src/application/run-pipeline/pipeline-options';
import { FileStageCounts } from '../../src/application/run-pipeline/stage-results';
import { SeedSet } from '../../src/domain/seed-set/seed-set';
import { SqlSession } from '../../src/application/ports/sql-database.port';

export function seedSetFixture(folder: string, asOf: string, sha: string): SeedSet {
  return {
    folder,
    asOf: new Date(asOf),
    asOfSource: 'manifest',
    kind: 'full',
    files: [
      {
        entity: 'members',
        name: 'members.csv',
        path: `${folder}/members.csv`,
        bytes: 10,
        sha256: `m-${sha}`,
      },
      {
        entity: 'claims',
        name: 'claims.csv',
        path: `${folder}/claims.csv`,
        bytes: 20,
        sha256: `c-${sha}`,
      },
    ],
  };
}

const counts = (file: string, sha256: string): FileStageCounts => ({
  file,
  sha256,
  bytes: 1,
  read: 3,
  staged: 2,
  rejected: 1,
  duplicates: 0,
  conflicts: 0,
  unknownColumns: [],
});

/**
 * The behaviour every LoadBatchRepository must show; run against the in-memory fake and the
 * SQL repository on both engines, so the fake used by pipeline unit tests cannot drift.
 */
export interface LoadBatchRepositoryHarness {
  make(): Promise<LoadBatchRepository>;
  /** The session recordFiles writes through (the fake ignores it). */
  session(): SqlSession;
  /** Per-file counts recorded for a batch, by file name. */
  recordedFiles(loadId: number): Promise<Record<string, FileStageCounts>>;
}

export function loadBatchRepositoryContract({
  make,
  session,
  recordedFiles,
}: LoadBatchRepositoryHarness): void {
  let repo: LoadBatchRepository;
  beforeEach(async () => {
    repo = await make();
  });

  it('starts batches as running and finds only complete succeeded ones as loaded', async () => {
    const a = await repo.start(
      seedSetFixture('/s/a', '2025-01-01T00:00:00Z', 'a'),
      'full',
      PIPELINE_STAGES,
    );
    expect(await repo.hasLoadedData()).to.equal(false);
    expect(await repo.latestLoaded()).to.equal(null);
    await repo.finish(a, {
      status: 'succeeded',
      files: [counts('members.csv', 'm-a')],
      stages: {},
    });
    const partial = await repo.start(
      seedSetFixture('/s/b', '2025-04-01T00:00:00Z', 'b'),
      'incremental',
      ['stage'],
    );
    await repo.finish(partial, { status: 'succeeded', files: [], stages: {} });

    const latest = await repo.latestLoaded();
    expect(latest?.loadId).to.equal(a);
    expect(latest?.asOf.toISOString()).to.equal('2025-01-01T00:00:00.000Z');
    expect(latest?.checksums).to.deep.equal({ 'members.csv': 'm-a', 'claims.csv': 'c-a' });
    expect(await repo.hasLoadedData()).to.equal(true);
  });

  it('matches a seed set by all its checksums', async () => {
    const a = await repo.start(
      seedSetFixture('/s/a', '2025-01-01T00:00:00Z', 'a'),
      'full',
      PIPELINE_STAGES,
    );
    await repo.finish(a, { status: 'succeeded', files: [], stages: {} });
    expect(
      (await repo.findLoadedWithChecksums({ 'members.csv': 'm-a', 'claims.csv': 'c-a' }))?.loadId,
    ).to.equal(a);
    expect(
      await repo.findLoadedWithChecksums({ 'members.csv': 'm-a', 'claims.csv': 'c-other' }),
    ).to.equal(null);
    expect(await repo.findLoadedWithChecksums({})).to.equal(null);
  });

  it('records staged file counts during the batch', async () => {
    const a = await repo.start(
      seedSetFixture('/s/a', '2025-01-01T00:00:00Z', 'a'),
      'full',
      PIPELINE_STAGES,
    );
    await repo.recordFiles(session(), a, [counts('members.csv', 'm-a')]);
    expect(await recordedFiles(a)).to.deep.equal({ 'members.csv': counts('members.csv', 'm-a') });
  });

  it('does not count failed batches and fails abandoned running ones', async () => {
    const failed = await repo.start(
      seedSetFixture('/s/a', '2025-01-01T00:00:00Z', 'a'),
      'full',
      PIPELINE_STAGES,
    );
    await repo.finish(failed, { status: 'failed', files: [], stages: {}, error: 'boom' });
    await repo.start(seedSetFixture('/s/b', '2025-02-01T00:00:00Z', 'b'), 'full', PIPELINE_STAGES);
    expect(
      await repo.findLoadedWithChecksums({ 'members.csv': 'm-a', 'claims.csv': 'c-a' }),
    ).to.equal(null);
    expect(await repo.failAbandoned('killed')).to.equal(1);
    expect(await repo.failAbandoned('killed')).to.equal(0);
    expect(await repo.hasLoadedData()).to.equal(false);
  });
}
