import 'reflect-metadata';
import { DependencyContainer } from 'tsyringe';
import { Logger } from '../../../application/ports/logger.port';
import { AppConfig } from '../../../infrastructure/config/app-config';
import {
  loadConfig,
  maskDatabaseUrl,
  maskSecrets,
} from '../../../infrastructure/config/load-config';
import { DatabaseTarget, targetFromConfig } from '../../../infrastructure/database/database-target';
import { openDatabase, OpenDatabase } from '../../../infrastructure/database/open-database';
import { buildContainer } from '../../../infrastructure/di/container';
import { WinstonLogger } from '../../../infrastructure/logging/winston-logger';

export interface CliRuntime {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly target: DatabaseTarget;
  readonly database: OpenDatabase;
  readonly container: DependencyContainer;
  close(): Promise<void>;
}

/**
 * Config, logger, database and container for an entry point; `close` releases them. With
 * `role`, every database session runs as that role, read-only (the HTTP server passes
 * ANALYST_ROLE).
 */
export async function openCliRuntime(
  options: { migrate?: boolean; config?: AppConfig; role?: string } = {},
): Promise<CliRuntime> {
  const config = options.config ?? loadConfig();
  const logger = WinstonLogger.create(config.LOG_LEVEL);
  const target = targetFromConfig(config);
  logger.debug('opening warehouse', {
    database: target.kind === 'postgres' ? maskDatabaseUrl(target.url) : `pglite:${target.dataDir}`,
  });
  const database = await openDatabase(target, {
    migrate: options.migrate ?? false,
    ...(options.role === undefined ? {} : { role: options.role }),
  });
  if (options.role !== undefined && database.sessionRole === null) {
    const message = 'database role does not exist yet (warehouse not migrated); read-only sessions';
    logger.warn(message, { role: options.role });
  }
  const container = buildContainer({
    config,
    target,
    database,
    logger,
    interactive: process.stderr.isTTY === true,
  });
  return {
    config,
    logger,
    target,
    database,
    container,
    close: () => database.db.close(),
  };
}

/** Exit codes shared by the CLIs. */
export const EXIT = { ok: 0, failed: 1, usage: 2, busy: 3 } as const;

export class UsageError extends Error {}

/** Runs a CLI body, turning errors into a one-line message and an exit code. */
export async function runCli(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${maskSecrets(message)}\n`);
    process.exitCode =
      error instanceof UsageError
        ? EXIT.usage
        : error instanceof Error && error.name === 'RunLockBusyError'
          ? EXIT.busy
          : EXIT.failed;
  }
}
