import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsSeedSetSource } from '../../../src/infrastructure/seed-set/fs-seed-set-source';
import { CLEAN_FILES, PEER_SEEDS, rejection, SeedSetFixtures, sha256 } from './seed-set-fixture';

describe('FsSeedSetSource', () => {
  const source = new FsSeedSetSource();
  const fixtures = new SeedSetFixtures();
  after(() => fixtures.cleanup());

  it('opens a folder: five files with size and sha256, kind full by default', async () => {
    const folder = await fixtures.folder();
    const seedSet = await source.open(folder);
    expect(seedSet.folder).to.equal(folder);
    expect(seedSet.kind).to.equal('full');
    expect(seedSet.files.map((f) => [f.entity, f.name, f.path, f.bytes, f.sha256])).to.deep.equal([
      [
        'members',
        'members.csv',
        join(folder, 'members.csv'),
        CLEAN_FILES.members.length,
        sha256(CLEAN_FILES.members),
      ],
      [
        'plans',
        'plans.csv',
        join(folder, 'plans.csv'),
        CLEAN_FILES.plans.length,
        sha256(CLEAN_FILES.plans),
      ],
      [
        'providers',
        'providers.csv',
        join(folder, 'providers.csv'),
        CLEAN_FILES.providers.length,
        sha256(CLEAN_FILES.providers),
      ],
      [
        'enrollments',
        'enrollments.csv',
        join(folder, 'enrollments.csv'),
        CLEAN_FILES.enrollments.length,
        sha256(CLEAN_FILES.enrollments),
      ],
      [
        'claims',
        'claims.csv',
        join(folder, 'claims.csv'),
        CLEAN_FILES.claims.length,
        sha256(CLEAN_FILES.claims),
      ],
    ]);
    expect(seedSet.files[0]).to.not.have.any.keys('manifestRows', 'manifestSha256');
  });

  it('resolves as_of: manifest, then the argument, then a timestamp folder name, then now', async () => {
    const argument = new Date('2024-06-01T00:00:00Z');
    const withManifest = await fixtures.folder({
      name: '20240101',
      manifest: { as_of: '2025-02-01T00:00:00Z', files: { 'claims.csv': { rows: 3 } } },
    });
    const manifested = await source.open(withManifest, { asOf: argument });
    expect(manifested).to.deep.include({
      asOfSource: 'manifest',
      asOf: new Date('2025-02-01T00:00:00Z'),
    });
    expect(manifested.files[4]).to.include({ manifestRows: 3 });

    const named = await fixtures.folder({ name: '20240101T120000Z' });
    expect(await source.open(named, { asOf: argument })).to.deep.include({
      asOfSource: 'argument',
      asOf: argument,
    });
    expect(await source.open(named)).to.deep.include({
      asOfSource: 'folder-name',
      asOf: new Date('2024-01-01T12:00:00Z'),
    });

    const before = Date.now();
    const peer = await source.open(PEER_SEEDS);
    expect(peer.asOfSource).to.equal('load-time');
    expect(peer.asOf.getTime()).to.be.within(before, Date.now());
  });

  it('names the missing files and a missing folder', async () => {
    const folder = await fixtures.folder({ files: { plans: null, claims: null } });
    expect((await rejection(source.open(folder))).message).to.equal(
      `plans.csv: not found in the seed set folder ${folder} (also missing: claims.csv)`,
    );
    expect((await rejection(source.open(join(folder, 'nope')))).message).to.equal(
      `${join(folder, 'nope')}: the seed set folder does not exist`,
    );
  });

  it('lists the seed sets of a folder in as_of order, then by name', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'aca-seed-parent-'));
    try {
      const make = async (
        name: string,
        manifest?: unknown,
        file = 'members.csv',
      ): Promise<void> => {
        await mkdir(join(parent, name));
        await writeFile(join(parent, name, file), 'x');
        if (manifest)
          await writeFile(join(parent, name, 'manifest.json'), JSON.stringify(manifest));
      };
      await make('b-undated');
      await make('a-undated');
      await make('20250301');
      await make('2025-01-15');
      await make('z-manifest', { as_of: '2025-02-01T00:00:00Z' }, 'notes.txt');
      await make('not-a-seed-set', undefined, 'readme.md');
      await writeFile(join(parent, '20240101'), 'a file, not a folder');
      expect(await source.listSeedSets(parent)).to.deep.equal(
        ['2025-01-15', 'z-manifest', '20250301', 'a-undated', 'b-undated'].map((n) =>
          join(parent, n),
        ),
      );
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('streams a file in chunks that add up to its bytes', async () => {
    const seedSet = await source.open(PEER_SEEDS);
    const claims = seedSet.files[4];
    if (!claims) throw new Error('no claims');
    let bytes = 0;
    let chunks = 0;
    for await (const chunk of source.read(claims)) {
      bytes += chunk.length;
      chunks++;
    }
    expect(bytes).to.equal(claims.bytes);
    expect(chunks).to.equal(Math.ceil(claims.bytes / (1024 * 1024)));
  });
});
