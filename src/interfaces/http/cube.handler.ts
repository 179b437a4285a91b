import { CubeAnswer, CubeQuery, CubeQueryPort } from '../../application/ports/cube-query.port';
import { HttpError } from './http-error';
import { limitParam, listParam, whereParam } from './query-params';

/** Most rows one cube request returns. */
export const MAX_CUBE_ROWS = 10000;

/**
 * `GET /api/cube?measures=paid,pmpm&by=metal_tier,month&where=state:TX&orderBy=paid&limit=100`.
 * Names are checked against the cube's catalog first, so an unknown name is a 400 that lists
 * the valid ones, never a database error.
 */
export async function handleCube(
  cube: CubeQueryPort,
  params: URLSearchParams,
): Promise<CubeAnswer> {
  const query = parseCubeQuery(cube, params);
  return cube.query(query);
}

export function parseCubeQuery(cube: CubeQueryPort, params: URLSearchParams): CubeQuery {
  const names = cube.names();
  const measures = listParam(params, 'measures');
  const by = listParam(params, 'by');
  const where = whereParam(params);
  const orderBy = params.get('orderBy')?.trim() || undefined;
  const limit = params.has('limit') ? limitParam(params, MAX_CUBE_ROWS, MAX_CUBE_ROWS) : undefined;

  const unknown = {
    measures: measures.filter((m) => !names.measures.includes(m)),
    dimensions: [...by, ...Object.keys(where)].filter((d) => !names.dimensions.includes(d)),
  };
  const valid = { measures: [...names.measures], dimensions: [...names.dimensions] };
  if (measures.length === 0) {
    throw new HttpError(400, 'measures is required (comma-separated measure names)', { valid });
  }
  if (unknown.measures.length > 0 || unknown.dimensions.length > 0) {
    const listed = [...unknown.measures, ...new Set(unknown.dimensions)];
    throw new HttpError(400, `unknown cube name(s): ${listed.join(', ')}`, {
      unknown: { measures: unknown.measures, dimensions: [...new Set(unknown.dimensions)] },
      valid,
    });
  }
  if (orderBy !== undefined) {
    const column = orderBy.replace(/^-/, '');
    if (![...measures, ...by].includes(column)) {
      throw new HttpError(400, `orderBy must name a requested measure or dimension: ${column}`, {
        valid: { orderBy: [...measures, ...by] },
      });
    }
  }
  return {
    measures,
    by,
    ...(Object.keys(where).length > 0 ? { where } : {}),
    ...(orderBy !== undefined ? { orderBy } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}
