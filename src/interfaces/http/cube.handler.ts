import { CubeResult, CubeQuery, CubeQueryPort } from '../../application/ports/cube-query.port';
import { CubeQueryError } from '../../domain/cube';
import { HttpError } from './http-error';
import { limitParam, listParam, whereParam } from './query-params';

/**
 * `GET /api/cube?measures=paid,pmpm&by=metal_tier,month&where=state:TX&orderBy=paid&limit=100`.
 * Names are checked against the cube's catalog first, so an unknown name is a 400 that lists
 * the valid ones, never a database error.
 */
export async function handleCube(
  cube: CubeQueryPort,
  params: URLSearchParams,
): Promise<CubeResult> {
  const query = parseCubeQuery(cube, params);
  try {
    return await cube.query(query);
  } catch (error) {
    // A question the cube cannot answer as asked (a value that is not a month, a name listed
    // twice, a limit out of range): the client's mistake, with the service's own message.
    if (error instanceof CubeQueryError) {
      throw new HttpError(400, error.message, { valid: validNames(cube) });
    }
    throw error;
  }
}

function validNames(cube: CubeQueryPort): { measures: string[]; dimensions: string[] } {
  const names = cube.names();
  return { measures: [...names.measures], dimensions: [...names.dimensions] };
}

export function parseCubeQuery(cube: CubeQueryPort, params: URLSearchParams): CubeQuery {
  const names = cube.names();
  const measures = listParam(params, 'measures');
  const by = listParam(params, 'by');
  const where = whereParam(params);
  const orderBy = params.get('orderBy')?.trim() || undefined;
  // The cube checks the upper bound of limit itself.
  const limit = params.has('limit')
    ? limitParam(params, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    : undefined;

  const unknown = {
    measures: measures.filter((m) => !names.measures.includes(m)),
    dimensions: [...by, ...Object.keys(where)].filter((d) => !names.dimensions.includes(d)),
  };
  const valid = validNames(cube);
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
