import { loadBatchRepositoryContract } from '../../contract/load-batch-repository.contract';
import { InMemoryLoadBatchRepository } from '../../support/fakes/in-memory-load-batch.repository';

describe('LoadBatchRepository contract [in-memory fake]', () => {
  loadBatchRepositoryContract(async () => new InMemoryLoadBatchRepository());
});
