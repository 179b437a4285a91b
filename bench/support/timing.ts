import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Seconds since `started` (a process.hrtime.bigint() reading). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Wall seconds of `work` with its result. */
export async function timed<R>(work: () => Promise<R>): Promise<{ seconds: number; result: R }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: secondsSince(started), result };
}

/** CPU seconds (user + system) of this process since `before` (a process.cpuUsage() reading). */
export function nodeCpuSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** utime + stime of a /proc/<pid>/stat line, in seconds. */
function cpuOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds (user + system) a local process has used, from /proc; NaN when unreadable. */
export async function processCpu(pid: number): Promise<number> {
  try {
    return cpuOfStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return NaN;
  }
}

/** processCpu, synchronously (for callbacks that cannot wait). */
export function processCpuSync(pid: number): number {
  try {
    return cpuOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return NaN;
  }
}

/** `value` when it is a finite number, else undefined (JSON has no NaN). */
export function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/** The p-th percentile (0-100) of `values` by the nearest-rank method; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** `value` rounded to `digits` decimals (figures in reports). */
export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export const MIB = 1024 * 1024;

export function toMiB(bytes: number): number {
  return Math.round(bytes / MIB);
}
