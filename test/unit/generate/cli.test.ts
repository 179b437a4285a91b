import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseGenerateArgs, UsageError } from '../../../src/interfaces/cli/generate.cli';

const root = join(__dirname, '..', '..', '..');

function usageError(args: readonly string[]): string {
  try {
    parseGenerateArgs(args);
  } catch (err) {
    if (err instanceof UsageError || (err instanceof Error && 'code' in err)) return err.message;
    throw err;
  }
  throw new Error(`no error for ${args.join(' ')}`);
}

describe('generate: command line', () => {
  it('parses a full run with defaults for a small demo', () => {
    const options = parseGenerateArgs([
      '--out',
      'data/seeds',
      '--members',
      '10000',
      '--seed',
      '42',
      '--as-of',
      '2025-01-01',
    ]);
    expect(options).to.include({
      kind: 'full',
      outDir: 'data/seeds',
      members: 10000,
      seed: 42,
      years: 1,
      messy: false,
    });
    if (options === 'help' || options.kind !== 'full') throw new Error('full expected');
    expect(options.asOf.toISOString()).to.equal('2025-01-01T00:00:00.000Z');
  });

  it('parses an incremental run', () => {
    const options = parseGenerateArgs([
      '--incremental',
      '--from',
      'data/seeds/20250101T000000Z',
      '--as-of',
      '2025-04-01',
      '--change-rate',
      '0.2',
    ]);
    expect(options).to.include({
      kind: 'incremental',
      from: 'data/seeds/20250101T000000Z',
      changeRate: 0.2,
      resendRate: 0,
    });
  });

  it('explains bad arguments', () => {
    expect(usageError(['--members', 'many'])).to.match(/--members must be a number/);
    expect(usageError(['--as-of', '2024-02-30'])).to.match(/not a real date/);
    expect(usageError(['--as-of', 'yesterday'])).to.match(/--as-of must be YYYY-MM-DD/);
    expect(usageError(['--incremental', '--as-of', '2025-04-01'])).to.match(
      /--incremental needs --from/,
    );
    expect(usageError(['--incremental', '--from', 'x'])).to.match(/--as-of is required/);
    expect(usageError(['--members', '10', '--change-rate', '0.1'])).to.match(
      /--change-rate applies to --incremental only/,
    );
    expect(usageError(['--bogus'])).to.match(/Unknown option/);
  });

  it('exits with code 2 and the usage text for bad arguments', () => {
    const result = spawnSync(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin'),
        '--transpile-only',
        'src/interfaces/cli/generate.cli.ts',
        '--members',
        '0',
      ],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(result.status).to.equal(2);
    expect(result.stderr).to.match(/--members must be an integer from 1/);
    expect(result.stderr).to.match(/Usage: npm run generate/);
  });
});
