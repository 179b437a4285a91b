import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunLock, RunLockBusyError } from '../../application/ports/run-lock.port';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * The embedded engine has no server to hold an advisory lock, so its data folder carries a
 * lock file naming the owning process; a file left by a dead process is taken over.
 */
export class LockFileRunLock implements RunLock {
  private readonly path: string;

  constructor(dataDir: string) {
    mkdirSync(resolve(dataDir), { recursive: true });
    this.path = join(resolve(dataDir), '.etl.lock');
  }

  async acquire(options: { wait: boolean }): Promise<() => Promise<void>> {
    for (;;) {
      if (this.tryTake()) {
        return async () => rmSync(this.path, { force: true });
      }
      const owner = this.owner();
      if (owner && !isAlive(owner)) {
        rmSync(this.path, { force: true });
        continue;
      }
      if (!options.wait) {
        throw new RunLockBusyError(
          owner ? `process ${owner.pid} on ${owner.host} since ${owner.since}` : 'another process',
        );
      }
      await sleep(500);
    }
  }

  private tryTake(): boolean {
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      since: new Date().toISOString(),
    };
    try {
      writeFileSync(this.path, JSON.stringify(owner), { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  private owner(): LockOwner | null {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as LockOwner;
    } catch {
      return null;
    }
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** In-memory PGlite (tests): the database lives and dies with this process. */
export class InProcessRunLock implements RunLock {
  private held = false;

  async acquire(options: { wait: boolean }): Promise<() => Promise<void>> {
    while (this.held) {
      if (!options.wait) throw new RunLockBusyError(`this process (pid ${process.pid})`);
      await sleep(50);
    }
    this.held = true;
    return async () => {
      this.held = false;
    };
  }
}
