/** Only one pipeline run at a time per warehouse. */
export interface RunLock {
  /**
   * Takes the lock, waiting for it when `wait` is true; otherwise throws `RunLockBusyError`
   * saying who holds it. The returned function releases it.
   */
  acquire(options: { wait: boolean }): Promise<() => Promise<void>>;
}

export class RunLockBusyError extends Error {
  constructor(readonly holder: string) {
    super(
      `Another ETL run holds the warehouse lock (${holder}); wait for it to finish or run with --wait.`,
    );
    this.name = 'RunLockBusyError';
  }
}

export const RUN_LOCK = Symbol('RunLock');
