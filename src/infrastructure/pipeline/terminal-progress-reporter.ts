import { Presets, SingleBar } from 'cli-progress';
import { Logger } from '../../application/ports/logger.port';
import { ProgressReporter } from '../../application/ports/progress.port';

/** A bar per batch advancing stage by stage, drawn on stderr when it is a terminal. */
export class TerminalProgressReporter implements ProgressReporter {
  private bar: SingleBar | null = null;
  private done = 0;

  batchStarted(loadId: number, label: string, stages: readonly string[]): void {
    this.done = 0;
    this.bar = new SingleBar(
      {
        format: `batch ${loadId} [{bar}] {value}/{total} stages | {stage} | ${label}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    this.bar.start(stages.length, 0, { stage: stages[0] ?? '' });
  }

  stageFinished(stage: string, seconds: number): void {
    this.done += 1;
    this.bar?.update(this.done, { stage: `${stage} ${seconds.toFixed(1)}s` });
  }

  batchFinished(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

/** Off a terminal, progress goes to the JSON log instead. */
export class LogProgressReporter implements ProgressReporter {
  constructor(private readonly logger: Logger) {}

  batchStarted(): void {}

  stageFinished(stage: string, seconds: number): void {
    this.logger.info('stage finished', { stage, seconds: Math.round(seconds * 1000) / 1000 });
  }

  batchFinished(): void {}
}
