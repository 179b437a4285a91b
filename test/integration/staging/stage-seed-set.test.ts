import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStageCounts } from '../../../src/application/run-pipeline/stage-results';
import { SeedFileError } from '../../../src/domain/staging/seed-file-error';
import { describeOnEngines } from '../../support/test-database';
import {
  CLEAN_FILES,
  PEER_SEEDS,
  RecordingLogger,
  rejection,
  SeedSetFixtures,
  sha256,
  stageFolder,
} from './seed-set-fixture';

const CLAIM_HEADER =
  'claim_id,member_id,provider_id,plan_id,service_date,claim_amount,allowed_amount,paid_amount,status,diagnosis_code,procedure_code';
const MEMBER_HEADER =
  'member_id,first_name,last_name,dob,gender,state,zip,fpl_ratio,plan_metal,plan_network_access_type,region,clinical_segment,year';

const MESSY = {
  members: [
    `${MEMBER_HEADER},member_used_app,Loyalty_Tier`,
    'M1,Ann,Lee,1980-05-01,f,WI,53703,2.35,silver,hmo,midwest,Healthy,2024,Yes,gold',
    'M2,Bob,Ray,2025-01-02,M,TX,07301,1.10,Gold,PPO,South,Chronic,2024,n,',
    'M3,Cy,Doe,2010-12-31,X,PW,96940,4.5,Bronze,EPO,West,Healthy,2024,0,',
    'M4,Di,Poe,1990-01-01,F,Wis,53703,2.0,Gold,HMO,Midwest,Healthy,2024,1,',
    'M5,Ed,Fox,1990-01-01,M,WI,53703,1000,Gold,HMO,Midwest,Healthy,1800,1,',
    'M1,Ann,Lee,1980-05-01,F,WI,53703,2.35,Silver,HMO,Midwest,Healthy,2024,true,gold',
    'M6,Flo,Gee,1985-07-07,O,NY,10001,3.1,Platinum,POS,Northeast,Complex,2024,,',
    '',
  ].join('\n'),
  providers: [
    'provider_id,npi,name,specialty',
    'V1,1234567893,Clinic One,Family Medicine',
    'V2,12345,Short,Cardiology',
    'V3,12345abcde,Letters,Cardiology',
    '',
  ].join('\n'),
  enrollments: [
    'member_id,plan_id,start_date,end_date,premium_paid,csr_variant',
    'M1,P1,2024-02-01,2024-01-31,100,87',
    'M1,P1,2024-02-01,,100,73',
    'M2,P2,2024-01-01,2024-12-31,50,94X',
    '',
  ].join('\n'),
  claims: [
    CLAIM_HEADER,
    'C1,M1,V1,P1,2024-02-10,200.00,150.00,120.00,approved,E11.9,99213',
    'C2,M1,V1,P1,2024-02-30,200.00,150.00,120.00,approved,E11.9,99213',
    'C3,M1,V1,P1,2024-02-10,200.00,150.00,120.00,closed,E11.9,99213',
    'C4,M1,V1,P1,2024-02-10,200.00,150.00,120.00,APPROVED,E11.9,99213',
    'C5,M1,V1,P1,2024-02-10,"1,200.00",150.00,120.00,approved,E11.9,99213',
    'C6,,V1,P1,2024-02-10,200.00,150.00,120.00,approved,E11.9,99213',
    'C7,M1,V1,P1,2024-02-10,200.00,150.00,approved,E11.9,99213',
    'C8,M1,V1,P1,2024-02-10,100.00,150.00,900.00,approved,E11.9,99213',
    'C9,M1,V1,P1,2024-02-10,-5.00,0,0,denied,E11.9,99213',
    'C1,M1,V1,P1,2024-02-10,200.00,150.00,120.00,approved,E11.9,99213',
    'C10,M1,V1,P1,2024-02-10,10,10,10,pending,E11.9,99213',
    'C10,M1,V1,P1,2024-02-10,10,10,0,denied,E11.9,99213',
    'C11,M1,V1,P1,2024-13-01,10,10,10,unknown,E11.9,99213',
    '',
  ].join('\n'),
};

function counts(
  file: string,
  content: string | Buffer,
  numbers: Pick<FileStageCounts, 'read' | 'staged' | 'rejected'> &
    Partial<Pick<FileStageCounts, 'duplicates' | 'conflicts' | 'unknownColumns'>>,
): FileStageCounts {
  return {
    file,
    sha256: sha256(content),
    bytes: Buffer.byteLength(content),
    duplicates: 0,
    conflicts: 0,
    unknownColumns: [],
    ...numbers,
  };
}

describeOnEngines('stage a seed set', (t) => {
  const fixtures = new SeedSetFixtures();
  after(() => fixtures.cleanup());

  async function stagedCount(table: string, loadId: number): Promise<number> {
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM staging.${table} WHERE load_id = $1`,
      [loadId],
    );
    return row?.n ?? -1;
  }

  async function nothingStagedFor(loadId: number): Promise<void> {
    for (const table of ['members', 'plans', 'providers', 'enrollments', 'claims', 'rejects']) {
      expect(await stagedCount(table, loadId), table).to.equal(0);
    }
  }

  async function lastLoadId(): Promise<number> {
    const [row] = await t.db.query<{ id: number }>(`SELECT max(load_id) AS id FROM etl.load_batch`);
    return row?.id ?? -1;
  }

  it('stages a clean seed set with exact counts and typed values', async () => {
    const folder = await fixtures.folder({ name: '20250101' });
    const { loadId, seedSet, result } = await stageFolder(t.db, folder);
    expect(seedSet.asOf.toISOString()).to.equal('2025-01-01T00:00:00.000Z');
    expect(result.files).to.deep.equal([
      counts('members.csv', CLEAN_FILES.members, { read: 3, staged: 3, rejected: 0 }),
      counts('plans.csv', CLEAN_FILES.plans, { read: 2, staged: 2, rejected: 0 }),
      counts('providers.csv', CLEAN_FILES.providers, { read: 2, staged: 2, rejected: 0 }),
      counts('enrollments.csv', CLEAN_FILES.enrollments, { read: 2, staged: 2, rejected: 0 }),
      counts('claims.csv', CLEAN_FILES.claims, { read: 3, staged: 3, rejected: 0 }),
    ]);
    const members = await t.db.query(
      `SELECT load_id, source_line, member_id, dob, gender, zip, fpl_ratio, age_group, year, extra
         FROM staging.members ORDER BY source_line`,
    );
    expect(members).to.deep.equal([
      {
        load_id: loadId,
        source_line: 2,
        member_id: 'M1',
        dob: '1980-05-01',
        gender: 'F',
        zip: '53703',
        fpl_ratio: '2.350',
        age_group: null,
        year: 2024,
        extra: null,
      },
      {
        load_id: loadId,
        source_line: 3,
        member_id: 'M2',
        dob: '1975-01-31',
        gender: 'M',
        zip: '07301',
        fpl_ratio: '1.100',
        age_group: null,
        year: 2024,
        extra: null,
      },
      {
        load_id: loadId,
        source_line: 4,
        member_id: 'M3',
        dob: '2010-12-31',
        gender: 'U',
        zip: '96940',
        fpl_ratio: '4.500',
        age_group: null,
        year: 2024,
        extra: null,
      },
    ]);
    const claims = await t.db.query(
      `SELECT claim_id, service_date, claim_amount, paid_amount, status, is_oon, charges
         FROM staging.claims ORDER BY source_line`,
    );
    expect(claims).to.deep.equal([
      {
        claim_id: 'C1',
        service_date: '2024-02-10',
        claim_amount: '200.00',
        paid_amount: '120.00',
        status: 'approved',
        is_oon: false,
        charges: null,
      },
      {
        claim_id: 'C2',
        service_date: '2024-03-05',
        claim_amount: '1000.00',
        paid_amount: '0.00',
        status: 'denied',
        is_oon: true,
        charges: null,
      },
      {
        claim_id: 'C3',
        service_date: '2024-04-01',
        claim_amount: '50.00',
        paid_amount: '40.00',
        status: 'pending',
        is_oon: null,
        charges: null,
      },
    ]);
    const enrollments = await t.db.query(
      `SELECT member_id, start_date, end_date, premium_paid, csr_variant FROM staging.enrollments ORDER BY source_line`,
    );
    expect(enrollments).to.deep.equal([
      {
        member_id: 'M1',
        start_date: '2024-01-01',
        end_date: '2024-06-30',
        premium_paid: '1200.00',
        csr_variant: '87',
      },
      {
        member_id: 'M2',
        start_date: '2024-01-01',
        end_date: null,
        premium_paid: '2400.00',
        csr_variant: 'none',
      },
    ]);
  });

  it('puts each bad row in staging.rejects with its reason and line, and stages the rest', async () => {
    const folder = await fixtures.folder({ name: '2025-01-01', files: MESSY });
    const logger = new RecordingLogger();
    const { loadId, result } = await stageFolder(t.db, folder, { logger });
    expect(result.files).to.deep.equal([
      counts('members.csv', MESSY.members, {
        read: 7,
        staged: 3,
        rejected: 4,
        duplicates: 1,
        unknownColumns: ['loyalty_tier'],
      }),
      counts('plans.csv', CLEAN_FILES.plans, { read: 2, staged: 2, rejected: 0 }),
      counts('providers.csv', MESSY.providers, { read: 3, staged: 1, rejected: 2 }),
      counts('enrollments.csv', MESSY.enrollments, { read: 3, staged: 1, rejected: 2 }),
      counts('claims.csv', MESSY.claims, {
        read: 13,
        staged: 6,
        rejected: 7,
        duplicates: 1,
        conflicts: 1,
      }),
    ]);

    const rejects = await t.db.query(
      `SELECT file, line, column_name, reason FROM staging.rejects WHERE load_id = $1 ORDER BY file, line`,
      [loadId],
    );
    expect(rejects).to.deep.equal([
      {
        file: 'claims.csv',
        line: 3,
        column_name: 'service_date',
        reason: "service_date: '2024-02-30' is not a calendar date in YYYY-MM-DD form",
      },
      {
        file: 'claims.csv',
        line: 4,
        column_name: 'status',
        reason: "status: 'closed' is not one of approved, denied, pending",
      },
      {
        file: 'claims.csv',
        line: 6,
        column_name: 'claim_amount',
        reason:
          "claim_amount: '1,200.00' is not a decimal number ('.' as the decimal point, no thousands separator)",
      },
      {
        file: 'claims.csv',
        line: 7,
        column_name: 'member_id',
        reason: 'member_id: a value is required',
      },
      {
        file: 'claims.csv',
        line: 8,
        column_name: null,
        reason: 'the record has 10 fields, the header has 11',
      },
      {
        file: 'claims.csv',
        line: 10,
        column_name: 'claim_amount',
        reason: "claim_amount: '-5.00' is below the minimum 0",
      },
      {
        file: 'claims.csv',
        line: 14,
        column_name: 'service_date',
        reason:
          "service_date: '2024-13-01' is not a calendar date in YYYY-MM-DD form; status: 'unknown' is not one of approved, denied, pending",
      },
      {
        file: 'enrollments.csv',
        line: 2,
        column_name: 'end_date',
        reason: "end_date: '2024-01-31' is before start_date 2024-02-01",
      },
      {
        file: 'enrollments.csv',
        line: 4,
        column_name: 'csr_variant',
        reason: "csr_variant: '94X' is not one of none, 73, 87, 94",
      },
      {
        file: 'members.csv',
        line: 3,
        column_name: 'dob',
        reason: 'dob: the value is after the seed set as_of 2025-01-01',
      },
      {
        file: 'members.csv',
        line: 4,
        column_name: 'gender',
        reason: "gender: 'X' is not one of F, M, O, U",
      },
      {
        file: 'members.csv',
        line: 5,
        column_name: 'state',
        reason: "state: 'Wis' is not exactly 2 characters",
      },
      {
        file: 'members.csv',
        line: 6,
        column_name: 'fpl_ratio',
        reason:
          "fpl_ratio: '1000' does not fit numeric(6,3); year: '1800' is below the minimum 1900",
      },
      {
        file: 'providers.csv',
        line: 3,
        column_name: 'npi',
        reason: "npi: '12345' is not exactly 10 characters",
      },
      {
        file: 'providers.csv',
        line: 4,
        column_name: 'npi',
        reason: "npi: '12345abcde' is not all digits",
      },
    ]);
    const [raw] = await t.db.query(
      `SELECT raw_text FROM staging.rejects WHERE load_id = $1 AND file = 'claims.csv' AND line = 6`,
      [loadId],
    );
    expect(raw).to.deep.equal({
      raw_text: 'C5,M1,V1,P1,2024-02-10,"1,200.00",150.00,120.00,approved,E11.9,99213',
    });

    // Typed rows keep the contract spelling; a business-rule breach is staged, not rejected.
    const claims = await t.db.query(
      `SELECT source_line, claim_id, status, paid_amount FROM staging.claims ORDER BY source_line`,
    );
    expect(claims).to.deep.equal([
      { source_line: 2, claim_id: 'C1', status: 'approved', paid_amount: '120.00' },
      { source_line: 5, claim_id: 'C4', status: 'approved', paid_amount: '120.00' },
      { source_line: 9, claim_id: 'C8', status: 'approved', paid_amount: '900.00' },
      { source_line: 11, claim_id: 'C1', status: 'approved', paid_amount: '120.00' },
      { source_line: 12, claim_id: 'C10', status: 'pending', paid_amount: '10.00' },
      { source_line: 13, claim_id: 'C10', status: 'denied', paid_amount: '0.00' },
    ]);
    const members = await t.db.query(
      `SELECT source_line, member_id, gender, plan_metal, plan_network_access_type, region,
              member_used_app, age_group, extra
         FROM staging.members ORDER BY source_line`,
    );
    expect(members).to.deep.equal([
      {
        source_line: 2,
        member_id: 'M1',
        gender: 'F',
        plan_metal: 'Silver',
        plan_network_access_type: 'HMO',
        region: 'Midwest',
        member_used_app: true,
        age_group: null,
        extra: { loyalty_tier: 'gold' },
      },
      {
        source_line: 7,
        member_id: 'M1',
        gender: 'F',
        plan_metal: 'Silver',
        plan_network_access_type: 'HMO',
        region: 'Midwest',
        member_used_app: true,
        age_group: null,
        extra: { loyalty_tier: 'gold' },
      },
      {
        source_line: 8,
        member_id: 'M6',
        gender: 'O',
        plan_metal: 'Platinum',
        plan_network_access_type: 'POS',
        region: 'Northeast',
        member_used_app: null,
        age_group: null,
        extra: { loyalty_tier: null },
      },
    ]);

    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings.map((w) => [w.message, w.fields.file])).to.deep.equal([
      ['columns the seed-set contract does not name are kept in extra', 'members.csv'],
      ['rows rejected into staging.rejects', 'members.csv'],
      ['rows rejected into staging.rejects', 'providers.csv'],
      ['rows rejected into staging.rejects', 'enrollments.csv'],
      ['rows rejected into staging.rejects', 'claims.csv'],
      [
        'rows with the same natural key and different values; the last in the file wins',
        'claims.csv',
      ],
    ]);
    expect(warnings[0]?.fields.columns).to.deep.equal(['loyalty_tier']);
    expect(warnings[4]?.fields.by_column).to.deep.equal({
      service_date: 2,
      status: 1,
      claim_amount: 2,
      member_id: 1,
      '(record)': 1,
    });
    expect(warnings[5]?.fields).to.deep.include({ conflicts: 1, sample_keys: ['C10'] });
    expect(warnings.every((w) => w.fields.load_id === loadId)).to.equal(true);
  });

  it('round-trips a quoted field holding commas, quotes, a line break, a backslash and a tab', async () => {
    const claims =
      `${CLAIM_HEADER},cpt_consumer_description,drug_name\n` +
      'C1,M1,V1,P1,2024-02-10,1,1,1,approved,E11.9,99213,"Visit, ""extended""\nsecond line","C:\\drugs\tx"\n' +
      'C2,M1,V1,P1,2024-02-10,1,1,1,approved,E11.9,99213,plain,\n';
    const folder = await fixtures.folder({ files: { claims } });
    const { result } = await stageFolder(t.db, folder, { asOf: new Date('2025-01-01T00:00:00Z') });
    expect(result.files[4]).to.deep.include({ read: 2, staged: 2, rejected: 0 });
    const rows = await t.db.query(
      `SELECT source_line, cpt_consumer_description, drug_name FROM staging.claims ORDER BY source_line`,
    );
    expect(rows).to.deep.equal([
      {
        source_line: 2,
        cpt_consumer_description: 'Visit, "extended"\nsecond line',
        drug_name: 'C:\\drugs\tx',
      },
      { source_line: 4, cpt_consumer_description: 'plain', drug_name: null },
    ]);
  });

  it('loads files with a byte-order mark and CRLF line ends', async () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const members = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(crlf(CLEAN_FILES.members)),
    ]);
    const claims = '\uFEFF' + crlf(CLEAN_FILES.claims).replace('E11.9,99213,0', 'E11.9,"99213",0');
    const folder = await fixtures.folder({ files: { members, claims } });
    const { result } = await stageFolder(t.db, folder, { asOf: new Date('2025-01-01T00:00:00Z') });
    expect(result.files[0]).to.deep.include({ read: 3, staged: 3, rejected: 0 });
    expect(result.files[4]).to.deep.include({ read: 3, staged: 3, rejected: 0 });
    const rows = await t.db.query(
      `SELECT member_id, year FROM staging.members ORDER BY source_line`,
    );
    expect(rows).to.deep.equal([
      { member_id: 'M1', year: 2024 },
      { member_id: 'M2', year: 2024 },
      { member_id: 'M3', year: 2024 },
    ]);
    const [claim] = await t.db.query(
      `SELECT claim_id, procedure_code, is_oon FROM staging.claims ORDER BY source_line LIMIT 1`,
    );
    expect(claim).to.deep.equal({ claim_id: 'C1', procedure_code: '99213', is_oon: false });
  });

  it('stages a header-only file as zero rows', async () => {
    const plans = `${CLEAN_FILES.plans.split('\n')[0]}\r\n`;
    const { result } = await stageFolder(t.db, await fixtures.folder({ files: { plans } }), {
      asOf: new Date('2025-01-01T00:00:00Z'),
    });
    expect(result.files[1]).to.deep.equal(
      counts('plans.csv', plans, { read: 0, staged: 0, rejected: 0 }),
    );
    expect(await t.db.query('SELECT count(*) AS n FROM staging.plans')).to.deep.equal([{ n: 0 }]);
  });

  it('fails on a missing required column, naming file and column, and stages nothing', async () => {
    const claims = CLEAN_FILES.claims.replace(',status,', ',state,');
    const folder = await fixtures.folder({ files: { claims } });
    const error = await rejection(stageFolder(t.db, folder));
    expect(error).to.be.instanceOf(SeedFileError);
    expect(error.message).to.equal(
      'claims.csv, line 1, column status: required column is missing from the header',
    );
    expect(error).to.include({ file: 'claims.csv', line: 1, column: 'status' });
    // Headers are checked before anything is staged: members.csv, though valid, is not staged.
    await nothingStagedFor(await lastLoadId());
  });

  it('fails on a duplicate column and stages nothing', async () => {
    const members = CLEAN_FILES.members.replace(',zip,', ',ZIP,').replace(',region,', ',Zip ,');
    const folder = await fixtures.folder({ files: { members } });
    const error = await rejection(stageFolder(t.db, folder));
    expect(error.message).to.equal(
      'members.csv, line 1, column zip: the header names this column twice (fields 7 and 11)',
    );
    await nothingStagedFor(await lastLoadId());
  });

  it('fails on an empty file and stages nothing', async () => {
    const folder = await fixtures.folder({ files: { providers: '' } });
    const error = await rejection(stageFolder(t.db, folder));
    expect(error.message).to.equal('providers.csv: the file is empty; a header line is required');
    await nothingStagedFor(await lastLoadId());
  });

  it('fails on a missing file before a batch starts', async () => {
    const before = await lastLoadId();
    const folder = await fixtures.folder({ files: { enrollments: null } });
    const error = await rejection(stageFolder(t.db, folder));
    expect(error.message).to.equal(`enrollments.csv: not found in the seed set folder ${folder}`);
    expect(await lastLoadId()).to.equal(before);
  });

  it('refuses a file whose row count or sha256 differs from the manifest', async () => {
    const files = (
      rows: number,
      sha: string,
    ): Record<string, { rows: number; sha256: string }> => ({
      'plans.csv': { rows, sha256: sha },
    });
    const good = await fixtures.folder({
      manifest: {
        as_of: '2025-03-01T00:00:00Z',
        kind: 'incremental',
        files: files(2, sha256(CLEAN_FILES.plans)),
      },
    });
    const staged = await stageFolder(t.db, good);
    expect(staged.seedSet).to.deep.include({ kind: 'incremental', asOfSource: 'manifest' });
    expect(staged.result.files[1]).to.deep.include({ file: 'plans.csv', staged: 2 });

    const wrongRows = await fixtures.folder({
      manifest: { files: files(3, sha256(CLEAN_FILES.plans)) },
    });
    expect((await rejection(stageFolder(t.db, wrongRows))).message).to.equal(
      'plans.csv: manifest.json declares 3 rows, the file has 2; the file is refused',
    );
    await nothingStagedFor(await lastLoadId());

    const wrongSha = await fixtures.folder({ manifest: { files: files(2, 'ab'.repeat(32)) } });
    expect((await rejection(stageFolder(t.db, wrongSha))).message).to.equal(
      `plans.csv: sha256 ${sha256(CLEAN_FILES.plans)} does not match ${'ab'.repeat(32)} declared in manifest.json; the file is refused`,
    );
    await nothingStagedFor(await lastLoadId());
  });

  it('keeps only the latest batch in staging and the rejects of earlier batches', async () => {
    const first = await stageFolder(
      t.db,
      await fixtures.folder({ files: MESSY, name: '20250101' }),
    );
    const second = await stageFolder(t.db, await fixtures.folder());
    const [row] = await t.db.query<{ loads: number[]; n: number }>(
      `SELECT array_agg(DISTINCT load_id::int) AS loads, count(*) AS n FROM staging.claims`,
    );
    expect(row).to.deep.equal({ loads: [second.loadId], n: 3 });
    expect(await stagedCount('rejects', first.loadId)).to.equal(15);
    expect(await stagedCount('rejects', second.loadId)).to.equal(0);
  });

  it('streams a file with more rejects than fit in memory at once, and reconciles', async () => {
    const lines = [CLAIM_HEADER];
    for (let i = 0; i < 6000; i++) {
      lines.push(`C${i},M1,V1,P1,2024-02-10,1,1,1,approved,E11.9,99213`);
      lines.push(`X${i},M1,V1,P1,2024-02-10,1,1,1,lost,E11.9,99213`);
    }
    const claims = `${lines.join('\n')}\n`;
    const { loadId, result } = await stageFolder(
      t.db,
      await fixtures.folder({ files: { claims } }),
      {
        asOf: new Date('2025-01-01T00:00:00Z'),
      },
    );
    expect(result.files[4]).to.deep.include({ read: 12000, staged: 6000, rejected: 6000 });
    const [row] = await t.db.query<{ n: number; first: number; last: number }>(
      `SELECT count(*) AS n, min(line) AS first, max(line) AS last
         FROM staging.rejects WHERE load_id = $1 AND file = 'claims.csv'`,
      [loadId],
    );
    expect(row).to.deep.equal({ n: 6000, first: 3, last: 12001 });
  });

  it('fails the batch when a quoted field is never closed (record longer than 8 MiB)', async () => {
    const claims =
      `${CLAIM_HEADER}\n` +
      'C1,M1,V1,P1,2024-02-10,1,1,1,approved,E11.9,99213\n' +
      `C2,M1,V1,P1,2024-02-10,1,1,1,approved,"E11.9,99213\n${'x,'.repeat(4_500_000)}\n`;
    const folder = await fixtures.folder({ files: { claims } });
    const error = await rejection(stageFolder(t.db, folder));
    expect(error.message).to.equal(
      'claims.csv, line 3: record is longer than 8388608 bytes; is a quoted field left open?',
    );
    await nothingStagedFor(await lastLoadId());
  });

  it('refuses a file that changed on disk after the seed set was opened', async () => {
    const folder = await fixtures.folder();
    const appendClaim = (): Promise<void> =>
      writeFile(
        join(folder, 'claims.csv'),
        `${CLEAN_FILES.claims}C4,M1,V1,P1,2024-02-10,1,1,1,approved,E,9,0\n`,
      );
    const error = await rejection(stageFolder(t.db, folder, { afterOpen: appendClaim }));
    expect(error.message).to.equal(
      'claims.csv: changed on disk while the seed set was loading (size or sha256 differs from when it was opened)',
    );
    await nothingStagedFor(await lastLoadId());
  });

  it('stages the peer folder unchanged: 2,000 members and 5,187 claims, quirks reported', async () => {
    const logger = new RecordingLogger();
    const { loadId, result } = await stageFolder(t.db, PEER_SEEDS, { logger });
    expect(
      result.files.map((f) => [f.file, f.read, f.staged, f.rejected, f.duplicates, f.conflicts]),
    ).to.deep.equal([
      ['members.csv', 2000, 2000, 0, 0, 0],
      ['plans.csv', 20, 20, 0, 0, 0],
      ['providers.csv', 101, 101, 0, 0, 0],
      ['enrollments.csv', 1727, 1727, 0, 0, 0],
      ['claims.csv', 5187, 5187, 0, 0, 0],
    ]);
    expect(await stagedCount('members', loadId)).to.equal(2000);
    expect(await stagedCount('claims', loadId)).to.equal(5187);
    expect(await stagedCount('rejects', loadId)).to.equal(0);
    const states = logger.lines.find(
      (l) =>
        l.message.startsWith('state codes that are not US states') &&
        l.fields.file === 'members.csv',
    );
    expect(states?.fields.codes).to.include.keys('PW', 'GU', 'PR');
    // The quirks stay in the data as delivered.
    const [quirks] = await t.db.query(
      `SELECT count(*) FILTER (WHERE gender = 'O') > 0 AS gender_o,
              count(*) FILTER (WHERE age_group = '<18') > 0 AS under_18,
              count(*) FILTER (WHERE state = 'PW') > 0 AS palau
         FROM staging.members`,
    );
    expect(quirks).to.deep.equal({ gender_o: true, under_18: true, palau: true });
  });
});
