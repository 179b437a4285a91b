import { CubeQueryPort } from '../../application/ports/cube-query.port';
import {
  DashboardQueryService,
  MAX_LIST_LIMIT,
} from '../../application/dashboard/dashboard-query.service';
import { handleCube } from './cube.handler';
import { HttpError } from './http-error';
import { limitParam } from './query-params';

/** The dashboard reads the API uses (DashboardQueryService, or a fake in unit tests). */
export type DashboardReads = Pick<
  DashboardQueryService,
  'loadHistory' | 'dataQualityStatus' | 'topHighCostMembers' | 'health'
>;

/** What the API reads from. */
export interface ApiDeps {
  readonly dashboard: DashboardReads;
  readonly cube: CubeQueryPort;
}

export type ApiHandler = (deps: ApiDeps, params: URLSearchParams) => Promise<unknown>;

/** Every API path: thin handlers that parse parameters and call one service method. */
export const API_ROUTES: Readonly<Record<string, ApiHandler>> = {
  '/api/health': (deps) =>
    deps.dashboard.health().catch(() => {
      throw new HttpError(503, 'database unavailable', { status: 'unavailable' });
    }),
  '/api/cube': (deps, params) => handleCube(deps.cube, params),
  '/api/cube/catalog': async (deps) => deps.cube.describe(),
  '/api/batches': async (deps, params) => ({
    batches: await deps.dashboard.loadHistory(limitParam(params, 50, MAX_LIST_LIMIT)),
  }),
  '/api/dq': async (deps) => ({ checks: await deps.dashboard.dataQualityStatus() }),
  '/api/high-cost-members': async (deps, params) => ({
    members: await deps.dashboard.topHighCostMembers(limitParam(params, 10, MAX_LIST_LIMIT)),
  }),
};
