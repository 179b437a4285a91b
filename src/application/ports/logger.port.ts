/** Structured logging; fields must never carry personal data (names, dob, contact details). */
export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line carries `fields` (e.g. `{ load_id }`). */
  child(fields: Record<string, unknown>): Logger;
}

export const LOGGER = Symbol('Logger');
