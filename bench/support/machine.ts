import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import type { SqlDatabase } from '../../src/application/ports/sql-database.port';
import type { EngineName } from './scratch-database';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
  };
}

/** The 1, 5 and 15-minute load averages, rounded: other jobs on a shared machine show here. */
export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg().map((l) => Math.round(l * 100) / 100);
  return [one, five, fifteen];
}

/** The installed @electric-sql/pglite version (its package.json is not exported). */
export function pgliteVersion(): string {
  let folder = dirname(require.resolve('@electric-sql/pglite'));
  while (folder !== dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (parsed.name === '@electric-sql/pglite') return parsed.version ?? 'unknown';
    }
    folder = dirname(folder);
  }
  return 'unknown';
}

export interface EngineInfo {
  readonly engine: EngineName;
  /** `PostgreSQL 15.8` or `PGlite 0.5.16 (PostgreSQL 18.0)`. */
  readonly version: string;
  /** Server settings that move the figures most. */
  readonly settings: Readonly<Record<string, string>>;
}

const SETTINGS = [
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'max_wal_size',
  'wal_level',
  'synchronous_commit',
  'max_parallel_workers_per_gather',
  'jit',
];

export async function engineInfo(db: SqlDatabase): Promise<EngineInfo> {
  const [server] = await db.query<{ version: string }>(
    `SELECT current_setting('server_version') AS version`,
  );
  const rows = await db.query<{ name: string; value: string }>(
    `SELECT name, setting || coalesce(' ' || unit, '') AS value
       FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name`,
    [SETTINGS],
  );
  const postgres = `PostgreSQL ${server?.version ?? '?'}`;
  return {
    engine: db.engine,
    version: db.engine === 'pglite' ? `PGlite ${pgliteVersion()} (${postgres})` : postgres,
    settings: Object.fromEntries(rows.map((r) => [r.name, r.value])),
  };
}
