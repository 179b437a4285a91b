import winston from 'winston';
import { Logger } from '../../application/ports/logger.port';
import { maskSecrets } from '../config/load-config';

/** Masks connection-string passwords wherever they appear in a log line. */
const maskConnectionStrings = winston.format((info) => {
  for (const [key, value] of Object.entries(info)) {
    if (typeof value === 'string' && value.includes('://')) {
      (info as Record<string, unknown>)[key] = maskSecrets(value);
    }
  }
  return info;
});

/** JSON lines on stderr (stdout stays free for reports and query results). */
export class WinstonLogger implements Logger {
  constructor(private readonly inner: winston.Logger) {}

  static create(level: string, stream: NodeJS.WritableStream = process.stderr): WinstonLogger {
    return new WinstonLogger(
      winston.createLogger({
        level,
        format: winston.format.combine(
          maskConnectionStrings(),
          winston.format.timestamp(),
          winston.format.json(),
        ),
        transports: [new winston.transports.Stream({ stream })],
      }),
    );
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.inner.error(message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.inner.warn(message, fields);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.inner.info(message, fields);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.inner.debug(message, fields);
  }

  child(fields: Record<string, unknown>): Logger {
    return new WinstonLogger(this.inner.child(fields));
  }
}
