import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { types as pgTypes } from 'pg';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { ENTITIES } from '../persistence/entities';
import { MIGRATIONS } from '../../migrations';
import { DatabaseTarget } from './database-target';
import { SessionRestriction, sessionOptions } from './session-role';
import { RESULT_PARSERS } from './type-parsers';

/**
 * The single factory of TypeORM data sources: the CLI, the app, the TypeORM CLI
 * (`ormconfig.ts`) and the tests all come through here, so both engines are configured once.
 * `restriction` (role, read-only) applies to every PostgreSQL session from its start; the
 * embedded engine has no startup options, so `openDatabase` applies it after opening.
 */
export function createDataSource(
  target: DatabaseTarget,
  restriction: SessionRestriction = {},
): DataSource {
  const common = {
    entities: [...ENTITIES],
    migrations: [...MIGRATIONS],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (target.kind === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: target.url,
      ...common,
      extra: {
        // Same JS types as the embedded engine; every session in UTC.
        types: {
          getTypeParser: (oid: number, format?: 'text' | 'binary') =>
            RESULT_PARSERS[oid] ?? pgTypes.getTypeParser(oid, format ?? 'text'),
        },
        options: sessionOptions(restriction),
        max: 4,
        application_name: 'aca-warehouse',
      },
    });
  }
  if (target.dataDir) mkdirSync(resolve(target.dataDir), { recursive: true });
  return new DataSource({
    type: 'postgres',
    ...common,
    driver: new PGliteDriver({
      ...(target.dataDir ? { dataDir: resolve(target.dataDir) } : {}),
      parsers: RESULT_PARSERS,
    }).driver,
  });
}
