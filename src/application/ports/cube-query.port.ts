import { CubeCatalog, CubeQuery, CubeResult } from '../../domain/cube';

export type { CubeCatalog, CubeQuery, CubeResult } from '../../domain/cube';

/** The names a cube question may use. */
export interface CubeNames {
  readonly measures: readonly string[];
  readonly dimensions: readonly string[];
}

/**
 * What the HTTP API and the dashboard need from the semantic query service
 * (`QueryCubeService`): its catalogue, the names alone, and a query.
 */
export interface CubeQueryPort {
  describe(): CubeCatalog;
  names(): CubeNames;
  query(q: CubeQuery): Promise<CubeResult>;
}
