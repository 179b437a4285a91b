/**
 * Use case "generate a seed set": a full snapshot (members, plans, providers and the benefit
 * years' enrollments and claims) or an incremental one continuing an earlier set. Writes the
 * five contract CSVs and manifest.json through the SeedSetWriterPort.
 */
import { US_STATES } from '../../domain/aca';
import { dateOfDay, isoInstant, seedSetFolderName } from './calendar';
import {
  FullGenerateOptions,
  GenerateSeedSetOptions,
  validateGenerateOptions,
} from './generate-seed-set.options';
import { InProcessBlockRunner } from './in-process-block-runner';
import { IncrementalGeneration } from './incremental-generation';
import { buildFullContext, FullContextInput } from './model/full-context';
import { CITIES_PER_STATE } from './model/geography';
import { BLOCK_MEMBERS } from './model/member-block';
import { MessyInjector, messyInjectorFor } from './model/messy-rows';
import { encodePlanRow } from './model/plan-book';
import { encodeProviderRow } from './model/provider-directory';
import { GeneratorProgressPort, SILENT_PROGRESS } from './ports/generator-progress.port';
import { MemberBlockRunnerPort } from './ports/member-block-runner.port';
import { PreviousSeedSetReaderPort } from './ports/previous-seed-set-reader.port';
import { SeedSetWriterPort, WrittenFile } from './ports/seed-set-writer.port';
import { TextPoolSizes, TextPoolsPort } from './ports/text-pools.port';
import { SeedSetManifest } from './seed-set-manifest';
import { SeedSetOutput, manifestFiles } from './seed-set-output';

export const POOL_SIZES: TextPoolSizes = {
  firstNames: 2500,
  lastNames: 5000,
  streetNames: 3000,
  cityNames: US_STATES.length * CITIES_PER_STATE,
};

export interface GenerateSeedSetDependencies {
  readonly writer: SeedSetWriterPort;
  readonly reader: PreviousSeedSetReaderPort;
  readonly textPools: TextPoolsPort;
  readonly progress?: GeneratorProgressPort;
  /** Runs full generation's member blocks (worker threads); defaults to this thread. */
  readonly blockRunner?: MemberBlockRunnerPort;
}

export interface GenerateResult {
  /** Final folder of the seed set. */
  readonly folder: string;
  readonly asOf: string;
  readonly kind: 'full' | 'incremental';
  readonly seconds: number;
  /** Rows, bytes, sha256 and seconds per file. */
  readonly files: readonly WrittenFile[];
  readonly manifest: SeedSetManifest;
}

export class GenerateSeedSetService {
  constructor(private readonly deps: GenerateSeedSetDependencies) {}

  async run(options: GenerateSeedSetOptions): Promise<GenerateResult> {
    validateGenerateOptions(options);
    const started = process.hrtime.bigint();
    const result =
      options.kind === 'full'
        ? await this.runFull(options)
        : await new IncrementalGeneration(this.deps, options).run();
    return { ...result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  private async runFull(options: FullGenerateOptions): Promise<Omit<GenerateResult, 'seconds'>> {
    const progress = this.deps.progress ?? SILENT_PROGRESS;
    const asOf = isoInstant(options.asOf);
    const target = await this.deps.writer.create(options.outDir, seedSetFolderName(options.asOf));
    try {
      progress.info('building reference data', { seed: options.seed, members: options.members });
      const pools = this.deps.textPools.build(options.seed, options.asOf, POOL_SIZES);
      const input: FullContextInput = {
        seed: options.seed,
        asOfMs: options.asOf.getTime(),
        years: options.years,
        providers: options.providers,
        plans: options.plans,
        claimsPerMemberYear: options.claimsPerMemberYear,
        messyRate: options.messy ? options.messyRate : 0,
      };
      const context = buildFullContext(input, pools);
      const { ctx } = context;
      const output = await SeedSetOutput.open(target, options.messy);
      const messy = (file: string): MessyInjector | undefined => messyInjectorFor(ctx, file);
      const planInjector = messy('plans.csv');
      for (const row of context.planRows)
        await output.write('plans.csv', encodePlanRow(row), planInjector);
      output.recordInjector(planInjector);
      const providerInjector = messy('providers.csv');
      for (const row of context.providerRows)
        await output.write('providers.csv', encodeProviderRow(row), providerInjector);
      output.recordInjector(providerInjector);

      progress.phase('members', options.members);
      const runner = this.deps.blockRunner ?? new InProcessBlockRunner();
      await runner.run({ input, pools, context, members: options.members }, async (block) => {
        await output.writeBlock('members.csv', block.members);
        await output.writeBlock('enrollments.csv', block.enrollments);
        await output.writeBlock('claims.csv', block.claims);
        progress.advance(Math.min(options.members, (block.block + 1) * BLOCK_MEMBERS));
      });
      const written = await output.close();
      progress.end();
      const manifest: SeedSetManifest = {
        as_of: asOf,
        kind: 'full',
        files: manifestFiles(written),
        generator: {
          name: 'aca-warehouse generate',
          format: 1,
          seed: options.seed,
          step_seed: options.seed,
          claims_per_member_year: options.claimsPerMemberYear,
          period: { start: ctx.dates.of(ctx.period.start), end: ctx.dates.of(ctx.period.end) },
          benefit_years: context.benefitYears,
          max_member_no: options.members,
          max_provider_no: options.providers,
          options: {
            members: options.members,
            years: options.years,
            providers: options.providers,
            plans: options.plans,
            messy: options.messy,
            messy_rate: options.messy ? options.messyRate : 0,
          },
        },
        ...(options.messy ? { messy: output.messyReports() } : {}),
      };
      await target.writeJson('manifest.json', manifest);
      await target.commit();
      progress.info('seed set written', {
        folder: target.path,
        period_end: isoInstant(dateOfDay(ctx.period.end)),
      });
      return { folder: target.path, asOf, kind: 'full', files: written, manifest };
    } catch (err) {
      progress.end();
      await target.abort();
      throw err;
    }
  }
}
