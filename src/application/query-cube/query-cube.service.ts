import { inject, injectable } from 'tsyringe';
import { CubeCatalog, cubeCatalog, CubeQuery, CubeResult, planCubeQuery } from '../../domain/cube';
import { CubeNames, CubeQueryPort } from '../ports/cube-query.port';
import { SQL_DATABASE, SqlDatabase } from '../ports/sql-database.port';
import { buildCubeQuery } from './cube-sql-builder';

export type { CubeCatalog, CubeQuery, CubeResult } from '../../domain/cube';
export { CubeQueryError } from '../../domain/cube';

/**
 * The semantic layer over mart.claims_cube: questions name measures and dimensions from the
 * catalogue (src/domain/cube); the service picks the stored grouping set whose id matches the
 * asked dimensions (by ∪ where ∪ month), rolls months up when the question does not split by
 * month, and falls back to the cube's base tables only for combinations no set stores.
 * Unknown names fail with CubeQueryError listing the valid ones. Money stays exact: numeric
 * values come back as strings, counts as numbers.
 */
@injectable()
export class QueryCubeService implements CubeQueryPort {
  constructor(@inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  describe(): CubeCatalog {
    return cubeCatalog();
  }

  /** The names a question may use (the HTTP API's view of the catalogue). */
  names(): CubeNames {
    const catalog = cubeCatalog();
    return {
      measures: catalog.measures.map((m) => m.name),
      dimensions: catalog.dimensions.map((d) => d.name),
    };
  }

  async query(q: CubeQuery): Promise<CubeResult> {
    const plan = planCubeQuery(q);
    const built = buildCubeQuery(plan);
    const rows = await this.db.query<Record<string, string | number | null>>(
      built.sql,
      built.params,
    );
    return {
      columns: built.columns,
      rows,
      source: built.usesBase ? 'base' : 'cube',
    };
  }
}
