/**
 * The pipeline benchmark: every stage at scale, against its physical limit, with memory.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --members 100000
 *   npm run bench -- --members 1000000 --engines postgres
 *
 * Generates a full and an incremental seed set, then per engine (a scratch database on the
 * server of DATABASE_URL, and/or PGlite in a temp folder) times the raw COPY of every file,
 * the real pipeline over both seed sets (stage, dimensions, facts, data quality, marts), a
 * plain INSERT … SELECT of the written facts, and typical cube queries. Prints Markdown and
 * writes JSON under bench/results/. See BENCHMARKS.md.
 */
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderMarkdown } from './support/markdown-report';
import { chooseEngines, runBenchmark } from './support/run-benchmark';

const USAGE = `usage: npm run bench -- [--members N] [--engines postgres,pglite] [options]

  --members <n>          members of the full seed set (default 100000; claims are about 10 per member)
  --engines <list>       postgres and/or pglite (default: postgres when DATABASE_URL is set,
                         plus pglite below 1,000,000 members)
  --workers <n>          generator worker threads (default: the cores, at most 4)
  --cube-runs <n>        timed runs of each cube query (default 20)
  --claims-per-member-year <x>   (default 12: about 10 claims per member)
  --seed-dir <folder>    where to create the seed-set folder (default: the system temp folder)
  --keep                 keep the seed sets and scratch databases
  --json <file>          result file (default bench/results/<date>-<members>-<engines>.json)`;

function scaleLabel(members: number): string {
  if (members % 1_000_000 === 0) return `${members / 1_000_000}m`;
  if (members % 1_000 === 0) return `${members / 1_000}k`;
  return String(members);
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string' },
      engines: { type: 'string' },
      workers: { type: 'string' },
      'cube-runs': { type: 'string' },
      'claims-per-member-year': { type: 'string' },
      'seed-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const members = positiveInt(values.members, 'members', 100_000);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const { engines, skipped } = chooseEngines(values.engines, members, databaseUrl);
  const date = new Date().toISOString().slice(0, 10);
  const jsonPath = resolve(
    values.json ?? `${__dirname}/results/${date}-${scaleLabel(members)}-${engines.join('-')}.json`,
  );
  const claimsPerMemberYear =
    values['claims-per-member-year'] === undefined
      ? undefined
      : Number(values['claims-per-member-year']);
  if (claimsPerMemberYear !== undefined && !(claimsPerMemberYear >= 0)) {
    throw new Error('--claims-per-member-year must be a number ≥ 0');
  }
  for (const s of skipped) process.stderr.write(`${s.engine} not run: ${s.reason}\n`);
  const result = await runBenchmark({
    members,
    engines,
    skippedEngines: skipped,
    ...(databaseUrl ? { adminUrl: databaseUrl } : {}),
    workers: positiveInt(values.workers, 'workers', Math.min(availableParallelism(), 4)),
    cubeRuns: positiveInt(values['cube-runs'], 'cube-runs', 20),
    ...(claimsPerMemberYear !== undefined ? { claimsPerMemberYear } : {}),
    ...(values['seed-dir'] ? { seedDir: resolve(values['seed-dir']) } : {}),
    keep: values.keep,
    jsonPath,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    log: (line) =>
      process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
  });
  process.stdout.write(`${renderMarkdown(result)}\n\nJSON: ${jsonPath}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
