import { Scd2RepositoryPort } from '../../../src/application/ports/scd2-repository.port';
import { Scd2Repository } from '../../../src/infrastructure/persistence/scd2-repository';
import { scd2RepositoryContract } from '../../contract/scd2-repository.contract';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('SCD2 repository contract', (t) => {
  scd2RepositoryContract(() => ({
    repository: <T extends object>(entity: new () => T): Scd2RepositoryPort<T> =>
      new Scd2Repository<T>(entity),
    inBatch: (work) => t.db.transaction(work),
    reset: async () => {
      await t.db.execute(
        `TRUNCATE warehouse.dim_member, warehouse.dim_plan, warehouse.dim_provider, warehouse.dim_enrollment RESTART IDENTITY`,
      );
    },
  }));
});
