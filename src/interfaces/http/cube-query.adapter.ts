import { DependencyContainer } from 'tsyringe';
import { CubeQueryPort } from '../../application/ports/cube-query.port';
import { QueryCubeService } from '../../application/query-cube/query-cube.service';

/** The cube the server queries: the semantic query service from the composition root. */
export function cubeQueryFrom(container: DependencyContainer): CubeQueryPort {
  return container.resolve(QueryCubeService);
}
