import { expect } from 'chai';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import { SEED_FILES } from '../../../src/domain/seed-contract';
import { openDatabase } from '../../../src/infrastructure/database/open-database';
import { engineEnv, runEtl } from '../../support/child-etl';
import { referenceRecords } from '../../support/reference-csv';
import { testEngines } from '../../support/test-database';
import { PersonalDataScanner } from './personal-data-scan';
import {
  generatedSeedSet,
  postgresWarehouse,
  PostgresWarehouse,
  scratchDir,
} from './process-fixtures';

/** Everything a run leaves outside the warehouse's own tables, as text to scan. */
const AUDIT_TEXT_SQL = [
  `SELECT coalesce(string_agg(concat_ws(' ', check_name, sample_keys::text, observed::text, error_message), E'\\n'), '') AS text
     FROM etl.dq_result`,
  `SELECT coalesce(string_agg(concat_ws(' ', files::text, stages::text, error, source), E'\\n'), '') AS text
     FROM etl.load_batch`,
];

async function auditText(db: SqlDatabase): Promise<string> {
  const parts: string[] = [];
  for (const sql of AUDIT_TEXT_SQL) {
    const [row] = await db.query<{ text: string }>(sql);
    parts.push(row?.text ?? '');
  }
  return parts.join('\n');
}

/**
 * A seed set whose members.csv lost its header line (a broken export): its first data row
 * becomes the "header", with the member's first name also put in place of the last name, so a
 * header error that echoed names would echo hers.
 */
function headerlessMembers(source: string): string {
  const folder = scratchDir('headerless-');
  for (const spec of SEED_FILES) {
    if (spec.entity !== 'members') copyFileSync(join(source, spec.file), join(folder, spec.file));
  }
  const [, first, ...rest] = readFileSync(join(source, 'members.csv'), 'utf8').split('\n');
  const fields = (first ?? '').split(',');
  fields[2] = fields[1] ?? '';
  writeFileSync(join(folder, 'members.csv'), [fields.join(','), ...rest].join('\n'));
  return folder;
}

/**
 * Personal data (names, dates of birth, e-mail addresses, phones, streets) never leaves the
 * tables that hold it: a full load of a generated messy seed set at LOG_LEVEL=debug (stdout,
 * stderr, the JSON report), the data-quality results and the batch audit rows, and the errors of
 * a failing run are scanned for every member's values. Runs on PostgreSQL when available, else
 * on an embedded data folder.
 */
describe('personal data stays out of logs, reports, errors and data-quality samples', function () {
  const engine = testEngines().includes('postgres') ? 'postgres' : 'pglite';
  let source: string;
  let scanner: PersonalDataScanner;
  let warehouse: PostgresWarehouse | undefined;
  let env: Record<string, string>;
  let dataDir: string | undefined;

  before(async function () {
    source = await generatedSeedSet();
    scanner = new PersonalDataScanner(source);
    if (engine === 'postgres') {
      warehouse = await postgresWarehouse();
      env = engineEnv({ kind: 'postgres', url: warehouse.url });
    } else {
      dataDir = scratchDir('pglite-personal-');
      env = engineEnv({ kind: 'pglite', dataDir });
    }
  });

  after(async function () {
    await warehouse?.dispose();
  });

  async function warehouseAudit(): Promise<string> {
    if (warehouse) return auditText(warehouse.database.db);
    const { db } = await openDatabase({ kind: 'pglite', dataDir: dataDir as string });
    try {
      return await auditText(db);
    } finally {
      await db.close();
    }
  }

  it('the scanner looks for hundreds of values and finds one planted in a text', () => {
    const size = scanner.size;
    expect(size.names, 'names').to.be.greaterThan(300);
    expect(size.others, 'dob, email, phone, street').to.be.greaterThan(900);
    const [header, member] = referenceRecords(readFileSync(join(source, 'members.csv')));
    const value = (column: string): string =>
      member?.fields[header?.fields.indexOf(column) ?? -1] ?? '';
    const planted = scanner.scan(
      `{"message":"oops","who":"${value('first_name')}","to":"${value('email')}"}`,
    );
    expect(planted.map((l) => l.kind)).to.have.members(['first_name', 'email']);
  });

  it(`[${engine}] a full load at LOG_LEVEL=debug: nothing in stdout, stderr, dq_result or load_batch`, async () => {
    const run = await runEtl(['--mode', 'full', '--source', source, '--json'], {
      ...env,
      LOG_LEVEL: 'debug',
    });
    expect(run.result.code, run.stderr).to.equal(0);
    const report = JSON.parse(run.stdout) as {
      batches: Array<{ status: string; files: unknown[] }>;
    };
    expect(report.batches.map((b) => b.status)).to.deep.equal(['succeeded']);
    // The messy seed set makes rejects (their reasons are logged) and failing warn checks
    // (their samples are stored): the paths where a value could slip out are exercised.
    expect(run.stderr).to.contain('rows rejected into staging.rejects');
    const audit = await warehouseAudit();
    expect(audit).to.match(/"claim_id": "CLM/);
    expect(run.stderr.split('\n').length).to.be.greaterThan(20);

    expect(scanner.scan(run.stdout), 'stdout').to.deep.equal([]);
    expect(scanner.scan(run.stderr), 'stderr').to.deep.equal([]);
    expect(scanner.scan(audit), 'etl.dq_result and etl.load_batch').to.deep.equal([]);
  });

  it(`[${engine}] a failing run (members.csv without its header line): nothing in its error or audit row`, async () => {
    const broken = headerlessMembers(source);
    const run = await runEtl(
      ['--mode', 'incremental', '--source', broken, '--as-of', '2025-02-01'],
      { ...env, LOG_LEVEL: 'debug' },
    );
    expect(run.result.code, run.stderr).to.equal(1);
    expect(scanner.scan(run.stdout), 'stdout').to.deep.equal([]);
    expect(scanner.scan(run.stderr), 'stderr').to.deep.equal([]);
    expect(scanner.scan(await warehouseAudit()), 'audit rows').to.deep.equal([]);
    expect(run.stdout).to.contain(
      ': members.csv, line 1: fields 2 and 3 of the header have the same name, which the contract does not know (is the header line missing?)',
    );
  });
});

/** Passwords in DATABASE_URL never reach the terminal, the log or an error message. */
describe('credentials in DATABASE_URL are masked', function () {
  const password = 's3cr3t-Pa55w0rd';

  it('a run that cannot connect prints the URL with its password masked', async () => {
    // Port 1 refuses connections: no server needed.
    const url = `postgres://aca:${password}@127.0.0.1:1/aca_warehouse`;
    const run = await runEtl(['--mode', 'full', '--source', '/nonexistent'], {
      DATABASE_URL: url,
      LOG_LEVEL: 'debug',
    });
    expect(run.result.code).to.equal(1);
    expect(run.stderr).to.contain('"database":"postgres://aca:***@127.0.0.1:1/aca_warehouse"');
    expect(run.stderr).to.contain('error: connect ECONNREFUSED 127.0.0.1:1');
    expect(run.stdout + run.stderr).not.to.contain(password);
  });

  it('an invalid URL is reported with its password masked', async () => {
    const url = `postgres://aca:${password}@db host/aca_warehouse`;
    const run = await runEtl(['--mode', 'full', '--source', '/nonexistent'], {
      DATABASE_URL: url,
      LOG_LEVEL: 'debug',
    });
    expect(run.result.code).to.equal(1);
    expect(run.stderr).to.contain('DATABASE_URL=postgres://aca:***@db host/aca_warehouse');
    expect(run.stdout + run.stderr).not.to.contain(password);
  });
});
