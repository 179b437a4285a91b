/** Progress and log events of a generator run (a progress bar on a terminal, JSON lines otherwise). */
export interface GeneratorProgressPort {
  /** A phase starts; `total` is in the phase's own unit (members, rows). */
  phase(name: string, total: number): void;
  /** Units done in the current phase so far. */
  advance(done: number): void;
  /** Informational message with structured details (never personal data). */
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
  /** Closes the progress display. */
  end(): void;
}

/** A progress port that reports nothing (tests, library use). */
export const SILENT_PROGRESS: GeneratorProgressPort = {
  phase: () => undefined,
  advance: () => undefined,
  info: () => undefined,
  end: () => undefined,
};
