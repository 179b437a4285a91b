import { basename } from 'node:path';
import { inject, injectable } from 'tsyringe';
import { seedSetFolderName } from '../generate-seed-set/calendar';
import {
  FULL_DEFAULTS,
  GenerateSeedSetOptions,
  INCREMENTAL_DEFAULTS,
} from '../generate-seed-set/generate-seed-set.options';
import { GenerateSeedSetService } from '../generate-seed-set/generate-seed-set.service';
import { CubeResult } from '../../domain/cube';
import { LOGGER, Logger } from '../ports/logger.port';
import { SEED_SET_SOURCE, SeedSetSource } from '../ports/seed-set-source.port';
import { PipelineReport } from '../run-pipeline/batch-report';
import { RunPipelineService } from '../run-pipeline/run-pipeline.service';
import { QueryCubeService } from '../query-cube/query-cube.service';
import {
  WarehouseSummary,
  WarehouseSummaryService,
} from '../summarize-warehouse/warehouse-summary.service';

export interface DemoOptions {
  /** Parent folder of the demo's seed sets. */
  readonly seedDir: string;
  readonly members: number;
  /** Rebuild the warehouse before loading. */
  readonly reset: boolean;
}

export interface DemoReport {
  readonly generated: readonly string[];
  readonly pipeline: PipelineReport;
  readonly summary: WarehouseSummary;
  readonly pmpmByMetal: CubeResult;
}

/** The demo's history: a full extract at the start of 2025, then two quarterly increments. */
export const DEMO_AS_OF = [
  '2025-01-01T00:00:00Z',
  '2025-04-01T00:00:00Z',
  '2025-07-01T00:00:00Z',
] as const;

/**
 * `npm start`: generates a small, deterministic seed-set chain (skipping sets already on
 * disk), loads every set the warehouse lacks, and summarizes the result. Because generation
 * is deterministic and loads are idempotent by checksum, running it again changes nothing.
 */
@injectable()
export class RunDemoService {
  constructor(
    @inject(GenerateSeedSetService) private readonly generator: GenerateSeedSetService,
    @inject(RunPipelineService) private readonly pipeline: RunPipelineService,
    @inject(WarehouseSummaryService) private readonly summaries: WarehouseSummaryService,
    @inject(QueryCubeService) private readonly cube: QueryCubeService,
    @inject(SEED_SET_SOURCE) private readonly seedSets: SeedSetSource,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(options: DemoOptions): Promise<DemoReport> {
    const generated: string[] = [];
    const existing = await this.seedSets.listSeedSets(options.seedDir).catch(() => [] as string[]);
    let previous: string | undefined;
    for (const iso of DEMO_AS_OF) {
      const asOf = new Date(iso);
      const name = seedSetFolderName(asOf);
      let folder = existing.find((f) => basename(f) === name);
      if (!folder) {
        const generateOptions: GenerateSeedSetOptions = previous
          ? {
              kind: 'incremental',
              outDir: options.seedDir,
              from: previous,
              asOf,
              messy: false,
              ...INCREMENTAL_DEFAULTS,
              messyRate: 0,
            }
          : {
              kind: 'full',
              outDir: options.seedDir,
              asOf,
              messy: false,
              ...FULL_DEFAULTS,
              messyRate: 0,
              members: options.members,
            };
        const result = await this.generator.run(generateOptions);
        this.logger.info('demo seed set generated', {
          folder: result.folder,
          seconds: Math.round(result.seconds * 100) / 100,
        });
        generated.push(result.folder);
        folder = result.folder;
      }
      previous = folder;
    }
    const pipeline = await this.pipeline.run({
      mode: 'incremental',
      source: options.seedDir,
      reset: options.reset,
    });
    const summary = await this.summaries.summarize();
    const pmpmByMetal = await this.cube.query({
      measures: ['member_months', 'paid', 'pmpm'],
      by: ['metal_tier'],
      orderBy: 'pmpm desc',
    });
    return { generated, pipeline, summary, pmpmByMetal };
  }
}
