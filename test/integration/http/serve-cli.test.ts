import { expect } from 'chai';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../src/interfaces/http/security-headers';
import { createTestDatabase, TestDatabase, testEngines } from '../../support/test-database';
import { insertBatches } from './audit-rows';

const ROOT = resolve(__dirname, '../../..');
const CLI = 'src/interfaces/http/serve.cli.ts';

/** `npm run serve` as a child process (transpile-only ts-node: the suite type-checks elsewhere). */
function serve(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error', DATABASE_URL: '', ...env },
  });
}

interface Output {
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcessWithoutNullStreams): Output {
  const out: Output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
  return out;
}

async function listeningUrl(child: ChildProcessWithoutNullStreams, out: Output): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = /dashboard listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out.stdout);
    if (match) return match[1];
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`serve did not start: ${out.stderr || out.stdout}`);
}

async function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

describe('npm run serve (the CLI)', () => {
  it('rejects a bad --port with the usage text and exit code 2, before opening the database', async () => {
    const child = serve(['--port', 'http'], { PGLITE_DATA_DIR: '/nonexistent/never-created' });
    const out = collect(child);
    expect(await exitCode(child)).to.equal(2);
    expect(out.stderr).to.contain("error: --port must be an integer from 0 to 65535, not 'http'");
    expect(out.stderr).to.contain('usage: npm run serve -- [--port <n>] [--host <address>]');
  });

  for (const engine of testEngines()) {
    describe(`[${engine}]`, () => {
      let dataDir: string | undefined;
      let database: TestDatabase | undefined;
      let env: Record<string, string>;

      before(async () => {
        if (engine === 'pglite') {
          // An empty embedded database: the server never migrates (it is read-only).
          dataDir = mkdtempSync(join(tmpdir(), 'aca-serve-'));
          env = { PGLITE_DATA_DIR: dataDir };
        } else {
          database = await createTestDatabase('postgres');
          await insertBatches(database.db, [
            {
              source: 'seeds/seed_20250101T000000Z',
              asOf: '2025-01-01T00:00:00Z',
              status: 'succeeded',
              startedAt: '2025-01-02T08:00:00Z',
              finishedAt: '2025-01-02T08:00:03Z',
              files: { 'claims.csv': { read: 3, staged: 3, rejected: 0 } },
            },
          ]);
          env = { DATABASE_URL: database.target.kind === 'postgres' ? database.target.url : '' };
        }
      });

      after(async () => {
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        await database?.dispose();
      });

      it('listens on --port 0, serves the page and the API, and stops on SIGTERM with code 0', async () => {
        const child = serve(['--port', '0'], env);
        const out = collect(child);
        try {
          const url = await listeningUrl(child, out);

          const page = await fetch(`${url}/`);
          expect(page.status).to.equal(200);
          expect(page.headers.get('content-security-policy')).to.equal(CONTENT_SECURITY_POLICY);
          expect(await page.text()).to.contain('<script src="/dashboard.js" defer></script>');
          expect((await fetch(`${url}/vendor/chart.js`)).status).to.equal(200);

          const health = (await (await fetch(`${url}/api/health`)).json()) as Record<
            string,
            unknown
          >;
          expect(health).to.include(
            engine === 'pglite'
              ? { status: 'ok', engine, migrated: false, latest_load_id: null }
              : { status: 'ok', engine, migrated: true, latest_load_id: 1 },
          );
          const catalog = (await (await fetch(`${url}/api/cube/catalog`)).json()) as {
            measures: Array<{ name: string }>;
          };
          expect(catalog.measures.map((m) => m.name)).to.include('pmpm');
          expect((await fetch(`${url}/api/batches`, { method: 'DELETE' })).status).to.equal(405);
        } finally {
          child.kill('SIGTERM');
        }
        expect(await exitCode(child)).to.equal(0);
        expect(out.stderr).to.equal('');
      });
    });
  }
});
