import { once } from 'node:events';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from '../../../../src/application/ports/logger.port';
import { createHttpServer, HttpAppDeps } from '../../../../src/interfaces/http/http-app';

/** A running server on a free loopback port; `close` stops it and its connections. */
export interface TestServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startTestServer(deps: HttpAppDeps): Promise<TestServer> {
  const server: Server = createHttpServer(deps);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Collects log lines so tests can assert what was (and was not) logged. */
export class MemoryLogger implements Logger {
  constructor(readonly lines: LogLine[] = []) {}
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }
  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level: 'debug', message, fields });
  }
  child(): Logger {
    return this;
  }
}

/** Field names that must never appear in an answer (the list). */
export const PERSONAL_FIELD_NAMES = ['first_name', 'last_name', 'dob', 'email', 'phone', 'street'];

/** Every object key and string list entry in a JSON value that names a personal field. */
export function personalFieldNamesIn(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (typeof item === 'string' && PERSONAL_FIELD_NAMES.includes(item)) found.push(item);
        else walk(item);
      }
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        if (PERSONAL_FIELD_NAMES.includes(key)) found.push(key);
        walk(item);
      }
    }
  };
  walk(value);
  return found;
}
