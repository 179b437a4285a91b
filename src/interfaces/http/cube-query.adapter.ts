import { DependencyContainer } from 'tsyringe';
import { CubeQueryPort } from '../../application/ports/cube-query.port';

/** The cube the server queries: QueryCubeService seen through CubeQueryPort. */
export function cubeQueryFrom(_container: DependencyContainer): CubeQueryPort {
  throw new Error('QueryCubeService is not wired yet');
}
