import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jsonLines, runCli } from '../../support/run-cli';

const PEER_SEEDS = resolve(__dirname, '../../../../shared/peer-seeds');

describe('npm run etl and npm run dq as processes, on the peer seed folder [pglite]', function () {
  this.timeout(600_000);
  const root = mkdtempSync(join(tmpdir(), 'aca-cli-'));
  const env = {
    PGLITE_DATA_DIR: join(root, 'pglite'),
    REPORT_DIR: join(root, 'reports'),
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
  };
  after(() => rmSync(root, { recursive: true, force: true }));

  it('loads the peer folder unchanged through every stage, logging JSON lines that carry load_id', async () => {
    const run = await runCli(
      'src/interfaces/cli/etl.cli.ts',
      ['--mode', 'full', '--source', PEER_SEEDS, '--as-of', '2025-12-01'],
      env,
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^load_id\s+as_of\s+status/m);
    expect(run.stdout).to.match(/^1\s+2025-12-01T00:00:00Z\s+succeeded\s+9035\s+0\s/m);
    const lines = jsonLines(run.stderr);
    const batchLines = lines.filter(
      (l) =>
        l.message === 'batch started' ||
        l.message === 'batch succeeded' ||
        l.message === 'file staged',
    );
    expect(batchLines.length).to.be.greaterThan(6);
    for (const line of batchLines) expect(line.load_id, String(line.message)).to.equal(1);
    expect(lines.find((l) => l.message === 'stage finished' && l.stage === 'marts')).to.not.equal(
      undefined,
    );
  });

  it('skips the same files on a second run, whatever as_of it is given', async () => {
    const again = await runCli(
      'src/interfaces/cli/etl.cli.ts',
      ['--mode', 'incremental', '--source', PEER_SEEDS, '--as-of', '2025-06-01'],
      env,
    );
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(/^1\s+2025-06-01T00:00:00Z\s+skipped/m);
    const skip = jsonLines(again.stderr).find(
      (l) => l.message === 'seed set already loaded with the same checksums; skipping',
    );
    expect(skip?.load_id).to.equal(1);
  });

  it('reports the peer data defects as findings with counts, not failures', async () => {
    const dq = await runCli('src/interfaces/cli/dq.cli.ts', [], env);
    expect(dq.code, dq.stderr).to.equal(0);
    expect(dq.stdout).to.match(
      /^Data quality, load 1: \d+ checks, \d+ passed, \d+ warned, 0 failed$/m,
    );
    const markdown = join(env.REPORT_DIR, 'dq-1.md');
    expect(existsSync(markdown)).to.equal(true);
    const report = readFileSync(markdown, 'utf8');
    expect(report).to.contain(
      '| WARN | member_state_is_us_state | warn | warehouse.dim_member | 292 |',
    );
    expect(report).to.contain(
      '| WARN | provider_npi_check_digit | warn | warehouse.dim_provider | 100 |',
    );
  });

  it('explains bad arguments with exit code 2', async () => {
    const bad = await runCli('src/interfaces/cli/etl.cli.ts', ['--mode', 'sideways'], env);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--mode must be full or incremental');
  });
});
