import { Logger } from '../../src/application/ports/logger.port';

/** A logger that drops everything: benchmarks print their own figures. */
export const SILENT_LOGGER: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => SILENT_LOGGER,
};
