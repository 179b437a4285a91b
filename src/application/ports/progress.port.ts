/** Shows a batch's progress: a bar on a terminal, log lines elsewhere. */
export interface ProgressReporter {
  batchStarted(loadId: number, label: string, stages: readonly string[]): void;
  stageFinished(stage: string, seconds: number): void;
  batchFinished(): void;
}

export const PROGRESS_REPORTER = Symbol('ProgressReporter');
