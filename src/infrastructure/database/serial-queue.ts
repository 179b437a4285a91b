/**
 * Runs async tasks one at a time, in call order. PGlite has a single session, so two
 * interleaved transactions would share it; queueing every unit of work keeps them apart.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
