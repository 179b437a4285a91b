import { Scd2RepositoryPort } from '../../../src/application/ports/scd2-repository.port';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { scd2RepositoryContract } from '../../contract/scd2-repository.contract';
import { InMemoryScd2Repository } from '../../support/fakes/in-memory-scd2-repository';

/** The session the fake ignores. */
const NO_SESSION = {} as SqlSession;

describe('SCD2 repository contract [in-memory fake]', () => {
  let repositories = new Map<unknown, Scd2RepositoryPort<object>>();
  scd2RepositoryContract(() => ({
    repository<T extends object>(entity: new () => T): Scd2RepositoryPort<T> {
      let repository = repositories.get(entity);
      if (!repository) {
        repository = new InMemoryScd2Repository<T>(entity) as Scd2RepositoryPort<object>;
        repositories.set(entity, repository);
      }
      return repository as Scd2RepositoryPort<T>;
    },
    inBatch: (work) => work(NO_SESSION),
    reset: async () => {
      repositories = new Map();
    },
  }));
});
