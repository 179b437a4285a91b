import { DashboardQueryService } from '../../../src/application/dashboard/dashboard-query.service';
import { AppConfig } from '../../../src/infrastructure/config/app-config';
import { buildContainer } from '../../../src/infrastructure/di/container';
import { cubeQueryFrom } from '../../../src/interfaces/http/cube-query.adapter';
import { loadStaticAssets } from '../../../src/interfaces/http/static-assets';
import { TestDatabase } from '../../support/test-database';
import {
  MemoryLogger,
  startTestServer,
  TestServer,
} from '../../unit/http/support/http-test-server';

/**
 * The server as `npm run serve` composes it (the real container, services and static files),
 * on a free loopback port, over a suite's test database.
 */
export async function startDemoServer(
  t: TestDatabase,
  logger = new MemoryLogger(),
): Promise<TestServer> {
  const container = buildContainer({
    config: new AppConfig(),
    target: t.target,
    database: { db: t.db, dataSource: t.dataSource },
    logger,
  });
  return startTestServer({
    dashboard: container.resolve(DashboardQueryService),
    cube: cubeQueryFrom(container),
    assets: loadStaticAssets(),
    logger,
  });
}
