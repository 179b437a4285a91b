import { SqlLoadBatchRepository } from '../../../src/infrastructure/persistence/load-batch.repository';
import { loadBatchRepositoryContract } from '../../contract/load-batch-repository.contract';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('LoadBatchRepository contract [SQL]', (t) => {
  loadBatchRepositoryContract(async () => {
    await t.db.execute('TRUNCATE etl.load_batch');
    return new SqlLoadBatchRepository(t.db);
  });
});
