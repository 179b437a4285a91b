import 'reflect-metadata';
import { loadConfig } from './src/infrastructure/config/load-config';
import { createDataSource } from './src/infrastructure/database/data-source.factory';
import { targetFromConfig } from './src/infrastructure/database/database-target';

/** The one DataSource the TypeORM CLI uses (`npm run migration:run|revert|show`). */
export default createDataSource(targetFromConfig(loadConfig()));
