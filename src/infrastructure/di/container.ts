import 'reflect-metadata';
import { container, DependencyContainer } from 'tsyringe';
import { CheckQualityService } from '../../application/check-quality/check-quality.service';
import { LoadDimensionsService } from '../../application/load-dimensions/load-dimensions.service';
import { LoadFactsService } from '../../application/load-facts/load-facts.service';
import { StageSeedSetService } from '../../application/stage-seed-set/stage-seed-set.service';
import { DATE_DIMENSION_RANGE } from '../../application/load-dimensions/populate-date-dimension.service';
import { LOAD_BATCH_REPOSITORY } from '../../application/ports/load-batch-repository.port';
import {
  CHECK_QUALITY,
  LOAD_DIMENSIONS,
  LOAD_FACTS,
  REFRESH_MARTS,
  STAGE_SEED_SET,
} from '../../application/ports/pipeline-stages.port';
import { LOGGER, Logger } from '../../application/ports/logger.port';
import { PROGRESS_REPORTER, ProgressReporter } from '../../application/ports/progress.port';
import { SCD2_REPOSITORIES } from '../../application/ports/scd2-repository.port';
import { RUN_LOCK, RunLock } from '../../application/ports/run-lock.port';
import {
  MARTS_SETTINGS,
  RefreshMartsService,
} from '../../application/refresh-marts/refresh-marts.service';
import { SEED_SET_SOURCE } from '../../application/ports/seed-set-source.port';
import { SQL_DATABASE } from '../../application/ports/sql-database.port';
import { WAREHOUSE_ADMIN } from '../../application/ports/warehouse-admin.port';
import { AppConfig } from '../config/app-config';
import { CONFIG } from '../config/config.token';
import { AdvisoryRunLock } from '../database/advisory-run-lock';
import { DatabaseTarget } from '../database/database-target';
import { InProcessRunLock, LockFileRunLock } from '../database/lock-file-run-lock';
import { OpenDatabase } from '../database/open-database';
import { TypeOrmWarehouseAdmin } from '../database/typeorm-warehouse-admin';
import { ENTITIES } from '../persistence/entities';
import { SqlLoadBatchRepository } from '../persistence/load-batch.repository';
import { createScd2Repositories } from '../persistence/scd2-repositories';
import { FsSeedSetSource } from '../seed-set/fs-seed-set-source';
import { createGenerateSeedSetService } from '../seed-writer/generate-seed-set.factory';
import { GenerateSeedSetService } from '../../application/generate-seed-set/generate-seed-set.service';
import {
  LogProgressReporter,
  TerminalProgressReporter,
} from '../pipeline/terminal-progress-reporter';

export interface ContainerDeps {
  readonly config: AppConfig;
  readonly target: DatabaseTarget;
  readonly database: OpenDatabase;
  readonly logger: Logger;
  /** Draw progress bars (stderr is a terminal). */
  readonly interactive?: boolean;
}

function runLockFor(target: DatabaseTarget): RunLock {
  if (target.kind === 'postgres') return new AdvisoryRunLock(target.url);
  return target.dataDir ? new LockFileRunLock(target.dataDir) : new InProcessRunLock();
}

/**
 * The composition root: binds every port token to its adapter. Entry points call this once
 * and resolve services by class; services receive ports by token (`@inject(TOKEN)`).
 */
export function buildContainer(deps: ContainerDeps): DependencyContainer {
  const scope = container.createChildContainer();
  scope.registerInstance(CONFIG, deps.config);
  scope.registerInstance(SQL_DATABASE, deps.database.db);
  scope.registerInstance(LOGGER, deps.logger);
  scope.registerInstance(RUN_LOCK, runLockFor(deps.target));
  scope.registerInstance(WAREHOUSE_ADMIN, new TypeOrmWarehouseAdmin(deps.database.dataSource));
  scope.register(LOAD_BATCH_REPOSITORY, { useClass: SqlLoadBatchRepository });
  scope.register(SEED_SET_SOURCE, { useClass: FsSeedSetSource });
  scope.registerInstance(SCD2_REPOSITORIES, createScd2Repositories(ENTITIES));
  scope.registerInstance(DATE_DIMENSION_RANGE, {
    firstYear: deps.config.DIM_DATE_FIRST_YEAR,
    lastYear: deps.config.DIM_DATE_LAST_YEAR,
  });
  scope.register(GenerateSeedSetService, { useFactory: () => createGenerateSeedSetService() });
  scope.register(STAGE_SEED_SET, { useClass: StageSeedSetService });
  scope.register(LOAD_DIMENSIONS, { useClass: LoadDimensionsService });
  scope.register(LOAD_FACTS, { useClass: LoadFactsService });
  scope.register(CHECK_QUALITY, { useClass: CheckQualityService });
  scope.registerInstance(MARTS_SETTINGS, { highCostThreshold: deps.config.HIGH_COST_THRESHOLD });
  scope.register(REFRESH_MARTS, { useClass: RefreshMartsService });
  const progress: ProgressReporter = deps.interactive
    ? new TerminalProgressReporter()
    : new LogProgressReporter(deps.logger);
  scope.registerInstance(PROGRESS_REPORTER, progress);
  return scope;
}
