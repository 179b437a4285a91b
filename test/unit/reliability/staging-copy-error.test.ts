import { expect } from 'chai';
import { SeedSetSource } from '../../../src/application/ports/seed-set-source.port';
import { QueryResult, SqlRow, SqlSession } from '../../../src/application/ports/sql-database.port';
import { stagingCopyError } from '../../../src/application/stage-seed-set/copy-error';
import { SeedFileStager } from '../../../src/application/stage-seed-set/seed-file-stager';
import { MEMBERS_FILE } from '../../../src/domain/seed-contract';
import { SeedSetFile } from '../../../src/domain/seed-set/seed-set';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';
import { RecordingLogger } from '../../integration/staging/seed-set-fixture';

const MEMBERS = Buffer.from(
  'member_id,first_name,last_name,dob,gender,state,zip,fpl_ratio,plan_metal,plan_network_access_type,region,clinical_segment,year\n' +
    'M1,Ann,Lee,1980-05-01,F,WI,53703,2.35,Silver,HMO,Midwest,Healthy,2024\n',
);

/** A session whose COPY fails the way PostgreSQL fails it, quoting the value it could not read. */
class RefusingSession implements SqlSession {
  async query<T extends SqlRow = SqlRow>(): Promise<T[]> {
    return [];
  }
  async execute(): Promise<QueryResult> {
    return { rows: [], rowCount: 0 };
  }
  async copyFrom(_sql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
    for await (const chunk of chunks) void chunk;
    throw Object.assign(new Error('invalid input syntax for type date: "1980-05-01"'), {
      code: '22007',
    });
  }
}

const source: SeedSetSource = {
  open: () => Promise.reject(new Error('not used')),
  listSeedSets: () => Promise.resolve([]),
  read: async function* () {
    yield MEMBERS;
  },
};

const file: SeedSetFile = {
  entity: 'members',
  name: 'members.csv',
  path: '/nowhere/members.csv',
  bytes: MEMBERS.length,
  sha256: 'x',
};

describe('a staging COPY the database refuses', () => {
  it('fails naming the file and table, without the value PostgreSQL quoted, keeping the cause', async () => {
    const stager = new SeedFileStager(MEMBERS_FILE, file, {
      tx: new RefusingSession(),
      source,
      logger: new RecordingLogger(),
      loadId: 1,
      asOf: new Date('2025-01-01T00:00:00Z'),
    });
    const error = await stager.stage().then(
      () => expect.fail('staging should fail'),
      (e: unknown) => e as Error,
    );
    expect(error.message).to.equal(
      'members.csv: COPY into staging.members failed: invalid input syntax for type date: "…"',
    );
    expect((error.cause as { code?: string }).code).to.equal('22007');
  });

  it('masks every quoted span of a multi-line database message, and passes file errors through', () => {
    const masked = stagingCopyError(
      'claims.csv',
      'staging.claims',
      new Error('value "Robert\'); DROP" is out of range for type "x\nDETAIL: "Ann"'),
    );
    expect(masked.message).to.equal(
      'claims.csv: COPY into staging.claims failed: value "…" is out of range for type "…"',
    );
    const fileError = new SeedFileError({ file: 'claims.csv' }, 'cannot be read (EIO)');
    expect(stagingCopyError('claims.csv', 'staging.claims', fileError)).to.equal(fileError);
  });
});
