import 'reflect-metadata';
import { once } from 'node:events';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DashboardQueryService } from '../../application/dashboard/dashboard-query.service';
import { ANALYST_ROLE } from '../../infrastructure/database/session-role';
import { EXIT, openCliRuntime, runCli, UsageError } from '../cli/support/cli-runtime';
import { cubeQueryFrom } from './cube-query.adapter';
import { createHttpServer } from './http-app';
import { loadStaticAssets } from './static-assets';

const USAGE = `usage: npm run serve -- [--port <n>] [--host <address>]

  --port <n>          port to listen on (default HTTP_PORT, 3000; 0 picks a free one)
  --host <address>    address to bind (default 127.0.0.1; 0.0.0.0 for every interface)

Serves the read-only JSON API under /api/ and the dashboard at /. Stops on Ctrl-C (SIGINT) or SIGTERM.`;

function parsePort(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535, not '${raw}'\n${USAGE}`);
  }
  return Number(raw);
}

async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

async function stop(server: Server): Promise<void> {
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}

void runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const portFlag = values.port === undefined ? undefined : parsePort(values.port);
  const assets = loadStaticAssets();
  // Least privilege: every session of the server runs as the analyst (no personal columns, no writes).
  const runtime = await openCliRuntime({ role: ANALYST_ROLE });
  try {
    const port = portFlag ?? runtime.config.HTTP_PORT;
    const server = createHttpServer({
      dashboard: runtime.container.resolve(DashboardQueryService),
      cube: cubeQueryFrom(runtime.container),
      assets,
      logger: runtime.logger,
    });
    const address = await listen(server, port, values.host);
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    runtime.logger.info('dashboard listening', { host: address.address, port: address.port });
    process.stdout.write(`dashboard listening on http://${shown}:${address.port}/\n`);

    const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    runtime.logger.info('dashboard stopping', { signal: String(signal[0] ?? '') });
    await stop(server);
    return EXIT.ok;
  } finally {
    await runtime.close();
  }
});
