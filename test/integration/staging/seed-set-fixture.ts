import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { container } from 'tsyringe';
import { LOGGER, Logger } from '../../../src/application/ports/logger.port';
import {
  SEED_SET_SOURCE,
  SeedSetSource,
} from '../../../src/application/ports/seed-set-source.port';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import { StageResult } from '../../../src/application/run-pipeline/stage-results';
import { StageSeedSetService } from '../../../src/application/stage-seed-set/stage-seed-set.service';
import { SeedEntity } from '../../../src/domain/seed-contract';
import { SeedSet } from '../../../src/domain/seed-set/seed-set';
import { FsSeedSetSource } from '../../../src/infrastructure/seed-set/fs-seed-set-source';

/** The peer generator's folder, read in place (never copied). */
export const PEER_SEEDS = resolve(__dirname, '../../../../shared/peer-seeds');

/** A small, clean seed set: every file types without a reject. */
export const CLEAN_FILES: Readonly<Record<SeedEntity, string>> = {
  members: [
    'member_id,first_name,last_name,dob,gender,state,zip,fpl_ratio,plan_metal,plan_network_access_type,region,clinical_segment,year',
    'M1,Ann,Lee,1980-05-01,F,WI,53703,2.35,Silver,HMO,Midwest,Healthy,2024',
    'M2,Bob,Ray,1975-01-31,M,TX,07301,1.10,Gold,PPO,South,Chronic,2024',
    'M3,Cy,Doe,2010-12-31,U,PW,96940,4.5,Bronze,EPO,West,Healthy,2024',
    '',
  ].join('\n'),
  plans: [
    'plan_id,effective_year,name,metal_tier,monthly_premium,deductible,oop_max,coinsurance_rate,pcp_copay',
    'P1,2024,Silver Star,Silver,450.00,3000,8000,0.2,30',
    'P2,2024,Gold Plus,Gold,600.50,1500,6000,0.1,20',
    '',
  ].join('\n'),
  providers: [
    'provider_id,npi,name,specialty',
    'V1,1234567893,Clinic One,Family Medicine',
    'V2,1245319599,Heart Care,Cardiology',
    '',
  ].join('\n'),
  enrollments: [
    'member_id,plan_id,start_date,end_date,premium_paid,csr_variant',
    'M1,P1,2024-01-01,2024-06-30,1200.00,87',
    'M2,P2,2024-01-01,,2400.00,none',
    '',
  ].join('\n'),
  claims: [
    'claim_id,member_id,provider_id,plan_id,service_date,claim_amount,allowed_amount,paid_amount,status,diagnosis_code,procedure_code,is_oon',
    'C1,M1,V1,P1,2024-02-10,200.00,150.00,120.00,approved,E11.9,99213,0',
    'C2,M2,V2,P2,2024-03-05,1000.00,800.00,0,denied,I10,93000,1',
    'C3,M3,V1,P1,2024-04-01,50,40,40,pending,Z00.00,99381,',
    '',
  ].join('\n'),
};

const FILE_NAMES: Readonly<Record<SeedEntity, string>> = {
  members: 'members.csv',
  plans: 'plans.csv',
  providers: 'providers.csv',
  enrollments: 'enrollments.csv',
  claims: 'claims.csv',
};

export interface FixtureOptions {
  /** Replaces a file's content (string or raw bytes); null leaves the file out. */
  readonly files?: Partial<Record<SeedEntity, string | Buffer | null>>;
  /** Written as manifest.json; `true` writes one with the real rows and checksums. */
  readonly manifest?: unknown;
  /** Folder name inside the temporary parent. */
  readonly name?: string;
}

/** Temporary folders for one suite, removed by `cleanup`. */
export class SeedSetFixtures {
  private parent: string | undefined;

  async folder(options: FixtureOptions = {}): Promise<string> {
    this.parent ??= await mkdtemp(join(tmpdir(), 'aca-seed-sets-'));
    const folder = join(this.parent, options.name ?? `set-${Math.random().toString(36).slice(2)}`);
    await mkdir(folder, { recursive: true });
    for (const entity of Object.keys(FILE_NAMES) as SeedEntity[]) {
      const content =
        options.files?.[entity] === undefined ? CLEAN_FILES[entity] : options.files[entity];
      if (content !== null) await writeFile(join(folder, FILE_NAMES[entity]), content);
    }
    if (options.manifest !== undefined) {
      await writeFile(join(folder, 'manifest.json'), JSON.stringify(options.manifest));
    }
    return folder;
  }

  async cleanup(): Promise<void> {
    if (this.parent) await rm(this.parent, { recursive: true, force: true });
    this.parent = undefined;
  }
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Records log lines so tests can assert what staging reports. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];

  constructor(private readonly base: Record<string, unknown> = {}) {}

  error(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', message, fields: { ...this.base, ...fields } });
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', message, fields: { ...this.base, ...fields } });
  }
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'info', message, fields: { ...this.base, ...fields } });
  }
  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'debug', message, fields: { ...this.base, ...fields } });
  }
  child(fields: Record<string, unknown>): Logger {
    const child = new RecordingLogger({ ...this.base, ...fields });
    // Children write into the same list.
    (child as { lines: RecordingLogger['lines'] }).lines = this.lines;
    return child;
  }
}

export interface StagedBatch {
  readonly loadId: number;
  readonly seedSet: SeedSet;
  readonly result: StageResult;
}

/** Creates the batch row the pipeline would create (the pipeline owns the real lifecycle). */
export async function startBatch(db: SqlDatabase, seedSet: SeedSet): Promise<number> {
  const [row] = await db.query<{ load_id: number }>(
    `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source)
     VALUES ($1, 'full', $2, $3) RETURNING load_id`,
    [seedSet.asOf, seedSet.kind, seedSet.folder],
  );
  if (!row) throw new Error('no batch row');
  return row.load_id;
}

/** Opens `folder`, starts a batch and stages it in one transaction, as the pipeline does. */
export async function stageFolder(
  db: SqlDatabase,
  folder: string,
  options: { asOf?: Date; logger?: RecordingLogger; afterOpen?: () => Promise<void> } = {},
): Promise<StagedBatch> {
  const logger = options.logger ?? new RecordingLogger();
  // Wired as the composition root wires it: the port token bound to the file-system adapter.
  const scope = container.createChildContainer();
  scope.registerInstance(LOGGER, logger);
  scope.register(SEED_SET_SOURCE, { useClass: FsSeedSetSource });
  const source = scope.resolve<SeedSetSource>(SEED_SET_SOURCE);
  const service = scope.resolve(StageSeedSetService);
  const seedSet = await source.open(folder, options.asOf ? { asOf: options.asOf } : {});
  await options.afterOpen?.();
  const loadId = await startBatch(db, seedSet);
  const result = await db.transaction((tx) =>
    service.stage(tx, {
      loadId,
      mode: 'full',
      seedSet,
      asOf: seedSet.asOf,
      logger: logger.child({ load_id: loadId }),
    }),
  );
  return { loadId, seedSet, result };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
