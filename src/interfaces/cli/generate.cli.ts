/**
 * `npm run generate -- [options]`: writes a seed set (see docs/generator.md).
 *
 *   full:        --out data/seeds --members 10000 --seed 42 --as-of 2025-01-01
 *   incremental: --incremental --from data/seeds/20250101T000000Z --as-of 2025-04-01
 *
 * Bad arguments print a message and exit with code 2.
 */
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import winston from 'winston';
import {
  FULL_DEFAULTS,
  GenerateSeedSetOptions,
  INCREMENTAL_DEFAULTS,
  InvalidGenerateOptionsError,
} from '../../application/generate-seed-set/generate-seed-set.options';
import { GeneratorProgressPort } from '../../application/generate-seed-set/ports/generator-progress.port';
import { createGenerateSeedSetService } from '../../infrastructure/seed-writer/generate-seed-set.factory';

const USAGE = `Usage: npm run generate -- [options]

Full seed set (default):
  --out <dir>                     parent folder (default data/seeds; incremental: beside --from)
  --as-of <date>                  extraction instant, e.g. 2025-01-01 or 2025-01-01T00:00:00Z (default 2025-01-01)
  --members <n>                   members (default ${FULL_DEFAULTS.members})
  --years <n>                     benefit years before as_of's year (default ${FULL_DEFAULTS.years})
  --providers <n>                 providers (default ${FULL_DEFAULTS.providers})
  --plans <n>                     plan designs (default ${FULL_DEFAULTS.plans})
  --claims-per-member-year <x>    mean claims per member-year of coverage (default ${FULL_DEFAULTS.claimsPerMemberYear})
  --seed <n>                      random seed (default ${FULL_DEFAULTS.seed})
  --workers <n>                   worker threads (default: 1 below 100,000 members, else all cores)

Incremental seed set:
  --incremental --from <folder>   continue the seed set in <folder> (full or incremental)
  --as-of <date>                  required, later than the previous as_of
  --change-rate <x>               share of members whose attributes change (default ${INCREMENTAL_DEFAULTS.changeRate})
  --resend-rate <x>               share of unchanged members re-sent unchanged (default ${INCREMENTAL_DEFAULTS.resendRate})
  --new-member-rate <x>           new members as a share of existing ones (default ${INCREMENTAL_DEFAULTS.newMemberRate})
  --provider-change-rate <x>      share of providers moving, and added (default ${INCREMENTAL_DEFAULTS.providerChangeRate})
  --seed <n>, --claims-per-member-year <x>   override the chain's values

Both:
  --messy                         also write rows to reject and business-rule breaches (listed in the manifest)
  --messy-rate <x>                share of rows followed by a messy row (default ${FULL_DEFAULTS.messyRate})
  --help`;

/** A command-line mistake: reported with the usage text, exit code 2. */
export class UsageError extends Error {}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number, got '${value}'`);
  return n;
}

function asOfDate(value: string | undefined, fallback: string | undefined): Date {
  const text = value ?? fallback;
  if (text === undefined) throw new UsageError('--as-of is required for an incremental seed set');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = new Date(`${text}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
      throw new UsageError(`--as-of is not a real date: '${text}'`);
    }
    return date;
  }
  const date = new Date(text);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ||
    Number.isNaN(date.getTime())
  ) {
    throw new UsageError(
      `--as-of must be YYYY-MM-DD or an ISO instant with a zone (2025-01-01T00:00:00Z), got '${text}'`,
    );
  }
  return date;
}

/** Parses the command line into generator options (throws UsageError). */
export function parseGenerateArgs(argv: readonly string[]): GenerateSeedSetOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      'as-of': { type: 'string' },
      members: { type: 'string' },
      years: { type: 'string' },
      providers: { type: 'string' },
      plans: { type: 'string' },
      'claims-per-member-year': { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      incremental: { type: 'boolean' },
      from: { type: 'string' },
      'change-rate': { type: 'string' },
      'resend-rate': { type: 'string' },
      'new-member-rate': { type: 'string' },
      'provider-change-rate': { type: 'string' },
      messy: { type: 'boolean' },
      'messy-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}'`);
  const common = {
    // An increment goes beside the set it continues unless told otherwise.
    outDir: values.out ?? (values.from !== undefined ? dirname(values.from) : 'data/seeds'),
    messy: values.messy ?? false,
    messyRate: number(values['messy-rate'], 'messy-rate', FULL_DEFAULTS.messyRate),
  };
  if (values.incremental || values.from !== undefined) {
    if (!values.incremental) throw new UsageError('--from is only used with --incremental');
    if (values.from === undefined)
      throw new UsageError('--incremental needs --from <previous seed set folder>');
    for (const full of ['members', 'years', 'providers', 'plans', 'workers'] as const) {
      if (values[full] !== undefined)
        throw new UsageError(`--${full} applies to full seed sets only`);
    }
    return {
      ...common,
      kind: 'incremental',
      asOf: asOfDate(values['as-of'], undefined),
      from: values.from,
      seed: values.seed === undefined ? undefined : number(values.seed, 'seed', 0),
      changeRate: number(values['change-rate'], 'change-rate', INCREMENTAL_DEFAULTS.changeRate),
      resendRate: number(values['resend-rate'], 'resend-rate', INCREMENTAL_DEFAULTS.resendRate),
      newMemberRate: number(
        values['new-member-rate'],
        'new-member-rate',
        INCREMENTAL_DEFAULTS.newMemberRate,
      ),
      providerChangeRate: number(
        values['provider-change-rate'],
        'provider-change-rate',
        INCREMENTAL_DEFAULTS.providerChangeRate,
      ),
      claimsPerMemberYear:
        values['claims-per-member-year'] === undefined
          ? undefined
          : number(values['claims-per-member-year'], 'claims-per-member-year', 0),
    };
  }
  for (const incremental of [
    'change-rate',
    'resend-rate',
    'new-member-rate',
    'provider-change-rate',
  ] as const) {
    if (values[incremental] !== undefined)
      throw new UsageError(`--${incremental} applies to --incremental only`);
  }
  const members = number(values.members, 'members', FULL_DEFAULTS.members);
  return {
    ...common,
    kind: 'full',
    asOf: asOfDate(values['as-of'], '2025-01-01'),
    seed: number(values.seed, 'seed', FULL_DEFAULTS.seed),
    members,
    years: number(values.years, 'years', FULL_DEFAULTS.years),
    providers: number(values.providers, 'providers', FULL_DEFAULTS.providers),
    plans: number(values.plans, 'plans', FULL_DEFAULTS.plans),
    claimsPerMemberYear: number(
      values['claims-per-member-year'],
      'claims-per-member-year',
      FULL_DEFAULTS.claimsPerMemberYear,
    ),
    workers: number(
      values.workers,
      'workers',
      members >= 100_000 ? Math.min(4, availableParallelism()) : 1,
    ),
  };
}

/** Progress on a terminal as a bar, otherwise as JSON log lines (never personal data). */
function progressReporter(logger: winston.Logger): GeneratorProgressPort {
  const tty = process.stderr.isTTY === true;
  let bar: SingleBar | undefined;
  let phase = '';
  let total = 0;
  let lastLogged = 0;
  return {
    phase(name, size) {
      phase = name;
      total = size;
      lastLogged = 0;
      if (tty) {
        bar?.stop();
        bar = new SingleBar({
          format: `${name} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(size, 0);
      } else logger.info('phase started', { phase: name, total: size });
    },
    advance(done) {
      if (bar) bar.update(done);
      else if (done === total || done - lastLogged >= total / 10) {
        lastLogged = done;
        logger.info('progress', { phase, done, total });
      }
    },
    info(message, details) {
      if (!bar) logger.info(message, details);
    },
    end() {
      bar?.stop();
      bar = undefined;
    },
  };
}

async function main(): Promise<number> {
  let options: GenerateSeedSetOptions | 'help';
  try {
    options = parseGenerateArgs(process.argv.slice(2));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`generate: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const logger = winston.createLogger({
    level: 'info',
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    defaultMeta: { command: 'generate' },
    transports: [
      new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] }),
    ],
  });
  const workers = options.kind === 'full' ? options.workers : 1;
  const service = createGenerateSeedSetService({ workers, progress: progressReporter(logger) });
  try {
    const result = await service.run(options);
    process.stdout.write(
      `${JSON.stringify(
        {
          folder: result.folder,
          as_of: result.asOf,
          kind: result.kind,
          seconds: Number(result.seconds.toFixed(2)),
          files: result.files.map((f) => ({
            file: f.file,
            rows: f.rows,
            bytes: f.bytes,
            seconds: Number(f.seconds.toFixed(2)),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof InvalidGenerateOptionsError) {
      process.stderr.write(`generate: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    logger.error('generation failed', { error: err instanceof Error ? err.message : String(err) });
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`generate: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
