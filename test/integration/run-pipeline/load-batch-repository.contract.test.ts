import { FileStageCounts } from '../../../src/application/run-pipeline/stage-results';
import { SqlLoadBatchRepository } from '../../../src/infrastructure/persistence/load-batch.repository';
import { loadBatchRepositoryContract } from '../../contract/load-batch-repository.contract';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('LoadBatchRepository contract [SQL]', (t) => {
  loadBatchRepositoryContract({
    make: async () => {
      await t.db.execute('TRUNCATE etl.load_batch');
      return new SqlLoadBatchRepository(t.db);
    },
    session: () => t.db,
    recordedFiles: async (loadId) => {
      const rows = await t.db.query<{ files: Record<string, FileStageCounts & { bytes: number }> }>(
        'SELECT files FROM etl.load_batch WHERE load_id = $1',
        [loadId],
      );
      // start() records sha256 and bytes of every file; keep only files that were staged.
      return Object.fromEntries(
        Object.entries(rows[0]?.files ?? {}).filter(([, f]) => 'staged' in f),
      );
    },
  });
});
