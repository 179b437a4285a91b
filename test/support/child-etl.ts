import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** One JSON log line of a child run (winston on stderr). */
export type LogLine = Record<string, unknown> & { message?: string; level?: string };

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A CLI entry point (`npm run etl`, `npm run generate`, `npm run serve`) as a child process,
 * run by node with transpile-only ts-node (the suite type-checks elsewhere, and a kill test
 * needs a process of its own). Collects stdout and stderr; stderr lines that are JSON are the
 * run's log.
 */
export class ChildCli {
  stdout = '';
  stderr = '';
  readonly process: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<ChildExit>;

  constructor(script: string, args: readonly string[], env: Readonly<Record<string, string>>) {
    this.process = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', script, ...args],
      { cwd: ROOT, env: { ...process.env, CI: 'true', ...env } },
    );
    this.process.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = once(this.process, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  get pid(): number {
    if (this.process.pid === undefined) throw new Error('the child did not start');
    return this.process.pid;
  }

  /** The JSON lines of stderr so far (other lines, such as `error: …`, are skipped). */
  logLines(): LogLine[] {
    const lines: LogLine[] = [];
    for (const text of this.stderr.split('\n')) {
      if (!text.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        // a line still being written
      }
    }
    return lines;
  }

  /**
   * Resolves with the first log line matching `predicate`, checked as soon as stderr grows (a
   * kill test acts within milliseconds of the line); fails if the child exits first.
   */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 120_000): Promise<LogLine> {
    return new Promise<LogLine>((resolve, reject) => {
      const check = (): boolean => {
        const found = this.logLines().find(predicate);
        if (found) {
          cleanup();
          resolve(found);
        }
        return found !== undefined;
      };
      const onExit = (): void => {
        if (check()) return;
        cleanup();
        reject(new Error(`the child exited before the log line:\n${this.stderr}\n${this.stdout}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for the log line:\n${this.stderr}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.process.stderr.off('data', check);
        this.process.off('exit', onExit);
      };
      this.process.stderr.on('data', check);
      this.process.on('exit', onExit);
      check();
    });
  }

  /** Polls `probe` (every 50 ms) until it returns a value; fails if the child exits first. */
  async waitFor<T>(
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs = 120_000,
    what = 'condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(() => (ended = true));
    while (Date.now() < deadline) {
      const found = await probe();
      if (found !== undefined) return found;
      if (ended)
        throw new Error(`the child exited before the ${what}:\n${this.stderr}\n${this.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for the ${what}:\n${this.stderr}`);
  }

  /** kill -9: no handler runs, nothing is cleaned up by the process itself. */
  async killHard(): Promise<ChildExit> {
    this.process.kill('SIGKILL');
    return this.exit();
  }

  exit(): Promise<ChildExit> {
    return this.exited;
  }
}

/** `npm run etl -- <args>` as a child process. */
export function spawnEtl(args: readonly string[], env: Readonly<Record<string, string>>): ChildCli {
  return new ChildCli('src/interfaces/cli/etl.cli.ts', args, env);
}

/** Runs `npm run etl -- <args>` to its end. */
export async function runEtl(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<ChildCli & { result: ChildExit }> {
  const child = spawnEtl(args, env);
  const result = await child.exit();
  return Object.assign(child, { result });
}

/** The environment that points a child at one engine: PostgreSQL by URL, else a PGlite folder. */
export function engineEnv(
  target: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string },
): Record<string, string> {
  return target.kind === 'postgres'
    ? { DATABASE_URL: target.url }
    : { DATABASE_URL: '', PGLITE_DATA_DIR: target.dataDir };
}
