import 'reflect-metadata';
import { container, DependencyContainer } from 'tsyringe';
import { LOGGER, Logger } from '../../application/ports/logger.port';
import { SQL_DATABASE, SqlDatabase } from '../../application/ports/sql-database.port';
import { AppConfig } from '../config/app-config';
import { CONFIG } from '../config/config.token';

/**
 * The composition root: binds every port token to its adapter. Entry points call this once
 * and resolve services by class; services receive ports by token (`@inject(TOKEN)`).
 */
export function buildContainer(deps: {
  config: AppConfig;
  db: SqlDatabase;
  logger: Logger;
}): DependencyContainer {
  const scope = container.createChildContainer();
  scope.registerInstance(CONFIG, deps.config);
  scope.registerInstance(SQL_DATABASE, deps.db);
  scope.registerInstance(LOGGER, deps.logger);
  return scope;
}
