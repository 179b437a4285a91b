import { expect } from 'chai';
import { AddBatchGeography } from '../../../src/application/load-dimensions/add-batch-geography';
import { DimensionLoadCounts } from '../../../src/application/load-dimensions/load-dimensions-result';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import {
  DateDimensionRange,
  PopulateDateDimensionService,
} from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { Logger } from '../../../src/application/ports/logger.port';
import {
  Scd2Batch,
  Scd2MergeCounts,
  Scd2RepositoryPort,
} from '../../../src/application/ports/scd2-repository.port';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { BatchContext } from '../../../src/application/run-pipeline/batch-context';
import { DimMember, DimProvider } from '../../../src/domain/warehouse';
import { InMemoryScd2Repository } from '../../support/fakes/in-memory-scd2-repository';

const NO_SESSION = {} as SqlSession;

/** Records the order in which the stage calls its collaborators. */
class Journal {
  readonly calls: string[] = [];

  around<T extends object>(repository: Scd2RepositoryPort<T>): Scd2RepositoryPort<object> {
    const calls = this.calls;
    return {
      dimension: repository.dimension,
      mergeStaged(tx: SqlSession, batch: Scd2Batch): Promise<Scd2MergeCounts> {
        calls.push(`merge ${repository.dimension}`);
        return repository.mergeStaged(tx, batch);
      },
      inferReferenced(tx: SqlSession, batch: Scd2Batch): Promise<number> {
        calls.push(`infer ${repository.dimension}`);
        return repository.inferReferenced(tx, batch);
      },
      mergeRows: (tx, rows, batch) => repository.mergeRows(tx, rows as never, batch),
      inferKeys: (tx, keys, batch) => repository.inferKeys(tx, keys as never, batch),
      findVersions: (tx, key) => repository.findVersions(tx, key as never),
    };
  }
}

function stubs(journal: Journal): {
  dates: PopulateDateDimensionService;
  geography: AddBatchGeography;
} {
  class Dates extends PopulateDateDimensionService {
    override async populate(_tx: SqlSession, range?: DateDimensionRange): Promise<number> {
      journal.calls.push(`dates ${range ? 'given' : 'configured'}`);
      return 3;
    }
  }
  class Geography extends AddBatchGeography {
    override async add(_tx: SqlSession, loadId: number): Promise<DimensionLoadCounts> {
      journal.calls.push(`geography ${loadId}`);
      return {
        dimension: 'dim_geography',
        newKeys: 1,
        changed: 0,
        unchanged: 4,
        type1Updated: 0,
        inferredCompleted: 0,
        correctedInPlace: 0,
        inferred: 0,
      };
    }
  }
  return { dates: new Dates(), geography: new Geography() };
}

function context(logged: Array<Record<string, unknown>>): BatchContext {
  const logger: Logger = {
    error: () => undefined,
    warn: () => undefined,
    info: (_message, fields) => logged.push(fields ?? {}),
    debug: () => undefined,
    child: () => logger,
  };
  const asOf = new Date('2024-04-01T00:00:00Z');
  return {
    loadId: 7,
    mode: 'incremental',
    asOf,
    logger,
    seedSet: { folder: 'seed', asOf, asOfSource: 'argument', kind: 'incremental', files: [] },
  };
}

const ZERO = {
  newKeys: 0,
  changed: 0,
  unchanged: 0,
  type1Updated: 0,
  inferredCompleted: 0,
  correctedInPlace: 0,
  inferred: 0,
};

describe('LoadDimensionsService', () => {
  it('dates and geography first, then every merge, then inferred keys of what is still missing', async () => {
    const journal = new Journal();
    const members = new InMemoryScd2Repository<DimMember>(DimMember);
    const providers = new InMemoryScd2Repository<DimProvider>(DimProvider);
    members.stage([
      { member_id: 'M1', first_name: 'Ann' },
      { member_id: 'M2', first_name: 'Bo' },
    ]);
    // M2 arrives in this very batch: only M9 needs an inferred row.
    members.reference([{ member_id: 'M2' }, { member_id: 'M9' }]);
    providers.reference([{ provider_id: 'P1' }]);
    const { dates, geography } = stubs(journal);
    const service = new LoadDimensionsService(
      [journal.around(members), journal.around(providers)],
      dates,
      geography,
    );
    const logged: Array<Record<string, unknown>> = [];

    const result = await service.load(NO_SESSION, context(logged));

    expect(journal.calls).to.deep.equal([
      'dates configured',
      'geography 7',
      'merge dim_member',
      'merge dim_provider',
      'infer dim_member',
      'infer dim_provider',
    ]);
    expect(result).to.deep.equal({
      datesAdded: 3,
      dimensions: [
        { ...ZERO, dimension: 'dim_geography', newKeys: 1, unchanged: 4 },
        { ...ZERO, dimension: 'dim_member', newKeys: 2, inferred: 1 },
        { ...ZERO, dimension: 'dim_provider', inferred: 1 },
      ],
    });
    const versions = await members.findVersions(NO_SESSION);
    expect(versions.map((v) => [v.member_id, v.is_inferred, v.load_id])).to.deep.equal([
      ['M1', false, 7],
      ['M2', false, 7],
      ['M9', true, 7],
    ]);
    expect(
      versions.every((v) => v.validity_start_ts.toISOString() === '2024-04-01T00:00:00.000Z'),
    ).to.equal(true);
    // Counts only: no names in the log.
    expect(JSON.stringify(logged)).to.not.match(/Ann|Bo\b/);
    expect(logged).to.deep.equal([
      {
        dates_added: 3,
        dimensions: {
          dim_geography: { ...ZERO, newKeys: 1, unchanged: 4 },
          dim_member: { ...ZERO, newKeys: 2, inferred: 1 },
          dim_provider: { ...ZERO, inferred: 1 },
        },
      },
    ]);
  });

  it('a second batch completes the inferred member in place and counts the rest unchanged', async () => {
    const members = new InMemoryScd2Repository<DimMember>(DimMember);
    const journal = new Journal();
    const { dates, geography } = stubs(journal);
    const service = new LoadDimensionsService([members], dates, geography);
    members.reference([{ member_id: 'M9' }]);
    await service.load(NO_SESSION, context([]));

    members.stage([{ member_id: 'M9', first_name: 'Cy' }]);
    members.reference([{ member_id: 'M9' }]);
    const later = { ...context([]), loadId: 8, asOf: new Date('2024-07-01T00:00:00Z') };
    const result = await service.load(NO_SESSION, later);

    expect(result.dimensions[1]).to.deep.equal({
      ...ZERO,
      dimension: 'dim_member',
      inferredCompleted: 1,
    });
    const [m9] = await members.findVersions(NO_SESSION, { member_id: 'M9' });
    expect(m9).to.include({ first_name: 'Cy', is_inferred: false, load_id: 7, current_flag: true });
  });
});
