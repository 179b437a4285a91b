import { expect } from 'chai';
import { SeedSetManifest } from '../../../src/application/generate-seed-set/seed-set-manifest';
import {
  defaultFullSet,
  folderHashes,
  fullOptions,
  incrementalOptions,
  readManifest,
  service,
  tempRoot,
} from './support/generated-seed-sets';

describe('generate: determinism', () => {
  it('writes byte-identical files (manifest included) for the same arguments', async () => {
    const first = await defaultFullSet();
    const second = await service().run(fullOptions(tempRoot()));
    expect(folderHashes(second.folder)).to.deep.equal(folderHashes(first.folder));
  });

  it('writes different data for a different seed', async () => {
    const first = await defaultFullSet();
    const other = await service().run(fullOptions(tempRoot(), { seed: 43 }));
    const a = folderHashes(first.folder);
    const b = folderHashes(other.folder);
    for (const file of ['members.csv', 'providers.csv', 'enrollments.csv', 'claims.csv']) {
      expect(b[file], file).to.not.equal(a[file]);
    }
  });

  it('gives the same files on worker threads as in one thread (messy rows included)', async () => {
    const options = { members: 2500, messy: true };
    const single = await service(1).run(fullOptions(tempRoot(), { ...options, workers: 1 }));
    const parallel = await service(2).run(fullOptions(tempRoot(), { ...options, workers: 2 }));
    expect(folderHashes(parallel.folder)).to.deep.equal(folderHashes(single.folder));
  });

  it('writes byte-identical incremental seed sets from the same previous set', async () => {
    const full = await defaultFullSet();
    const a = await service().run(
      incrementalOptions(tempRoot(), full.folder, '2025-04-01T00:00:00Z'),
    );
    const b = await service().run(
      incrementalOptions(tempRoot(), full.folder, '2025-04-01T00:00:00Z'),
    );
    const ha = folderHashes(a.folder);
    const hb = folderHashes(b.folder);
    // The manifests differ only by the relative path back to the previous set (other folders).
    delete ha['manifest.json'];
    delete hb['manifest.json'];
    expect(hb).to.deep.equal(ha);
    const withoutPath = (m: SeedSetManifest): unknown => ({
      ...m,
      previous: { ...m.previous, path: '' },
    });
    expect(withoutPath(readManifest(b.folder))).to.deep.equal(withoutPath(readManifest(a.folder)));
  });
});
