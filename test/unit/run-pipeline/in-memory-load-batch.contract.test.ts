import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { loadBatchRepositoryContract } from '../../contract/load-batch-repository.contract';
import { InMemoryLoadBatchRepository } from '../../support/fakes/in-memory-load-batch.repository';

describe('LoadBatchRepository contract [in-memory fake]', () => {
  let repo: InMemoryLoadBatchRepository;
  loadBatchRepositoryContract({
    make: async () => (repo = new InMemoryLoadBatchRepository()),
    session: () => ({}) as SqlSession,
    recordedFiles: async (loadId) =>
      Object.fromEntries((repo.recordedFiles.get(loadId) ?? []).map((f) => [f.file, f])),
  });
});
