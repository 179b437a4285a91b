import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DependencyContainer } from 'tsyringe';
import { Logger } from '../../src/application/ports/logger.port';
import { PipelineReport } from '../../src/application/run-pipeline/batch-report';
import { RunPipelineService } from '../../src/application/run-pipeline/run-pipeline.service';
import { AppConfig } from '../../src/infrastructure/config/app-config';
import { buildContainer } from '../../src/infrastructure/di/container';
import { createGenerateSeedSetService } from '../../src/infrastructure/seed-writer/generate-seed-set.factory';
import { TestDatabase } from './test-database';

export const SILENT_LOGGER: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => SILENT_LOGGER,
};

export interface DemoWarehouse {
  readonly container: DependencyContainer;
  /** The seed set folders, oldest first. */
  readonly folders: readonly string[];
  readonly report: PipelineReport;
  dispose(): void;
}

/**
 * A small version of `npm start` in a test database: a generated full seed set and two
 * quarterly increments loaded through the real pipeline.
 */
export async function loadDemoWarehouse(t: TestDatabase, members = 400): Promise<DemoWarehouse> {
  const root = mkdtempSync(join(tmpdir(), 'aca-demo-'));
  const generator = createGenerateSeedSetService();
  const full = await generator.run({
    kind: 'full',
    outDir: root,
    asOf: new Date('2025-01-01T00:00:00Z'),
    seed: 11,
    members,
    years: 1,
    providers: 60,
    plans: 12,
    claimsPerMemberYear: 8,
    workers: 1,
    messy: false,
    messyRate: 0,
  });
  const folders = [full.folder];
  for (const asOf of ['2025-04-01T00:00:00Z', '2025-07-01T00:00:00Z']) {
    const next = await generator.run({
      kind: 'incremental',
      outDir: root,
      from: folders[folders.length - 1]!,
      asOf: new Date(asOf),
      changeRate: 0.1,
      resendRate: 0,
      newMemberRate: 0.04,
      providerChangeRate: 0.05,
      messy: false,
      messyRate: 0,
    });
    folders.push(next.folder);
  }
  const container = buildContainer({
    config: new AppConfig(),
    target: t.target,
    database: { db: t.db, dataSource: t.dataSource },
    logger: SILENT_LOGGER,
  });
  const report = await container
    .resolve(RunPipelineService)
    .run({ mode: 'incremental', source: root });
  return {
    container,
    folders,
    report,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
