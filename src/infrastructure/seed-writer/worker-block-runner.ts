import { extname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BLOCK_MEMBERS, BlockOutput } from '../../application/generate-seed-set/model/member-block';
import {
  MemberBlockJob,
  MemberBlockRunnerPort,
} from '../../application/generate-seed-set/ports/member-block-runner.port';
import { BlockMessage, WorkerJob, fromMessage } from './member-block.protocol';
import { WorkerScript, workerScript } from './worker-script';

/**
 * Generates member blocks on worker threads (block b on worker b mod n) and delivers them to
 * the caller in block order. Every member is drawn from streams keyed by its number and every
 * messy row from streams keyed by its block, so the files are byte-identical to a run in one
 * thread. Under ts-node the workers run a transpiled copy of their module graph.
 */
export class WorkerBlockRunner implements MemberBlockRunnerPort {
  constructor(private readonly workers: number) {}

  async run(job: MemberBlockJob, consume: (output: BlockOutput) => Promise<void>): Promise<void> {
    const blocks = Math.ceil(job.members / BLOCK_MEMBERS);
    const count = Math.max(1, Math.min(this.workers, blocks));
    const threads: Worker[] = [];
    const script = workerScript(resolve(__dirname, `member-block.worker${extname(__filename)}`));
    const waiting = new Map<number, { output: BlockOutput; worker: Worker }>();
    let next = 0;
    let consuming = Promise.resolve();
    try {
      await new Promise<void>((done, fail) => {
        let failed = false;
        const failOnce = (err: unknown): void => {
          if (failed) return;
          failed = true;
          fail(err instanceof Error ? err : new Error(String(err)));
        };
        const drainInOrder = async (): Promise<void> => {
          for (let entry = waiting.get(next); entry; entry = waiting.get(next)) {
            waiting.delete(next);
            await consume(entry.output);
            entry.worker.postMessage('credit');
            next++;
          }
          if (next === blocks) done();
        };
        for (let w = 0; w < count; w++) {
          const data: WorkerJob = {
            input: job.input,
            pools: job.pools,
            members: job.members,
            workerIndex: w,
            workers: count,
          };
          const worker = spawn(script, data);
          threads.push(worker);
          worker.on('message', (message: BlockMessage) => {
            waiting.set(message.block, { output: fromMessage(message), worker });
            consuming = consuming.then(drainInOrder).catch(failOnce);
          });
          worker.on('error', failOnce);
          worker.on('exit', (code) => {
            if (code !== 0)
              failOnce(new Error(`member block worker ${w} exited with code ${code}`));
          });
        }
      });
      await consuming;
    } finally {
      await Promise.all(threads.map((t) => t.terminate()));
      script?.dispose();
    }
  }
}

function spawn(script: WorkerScript | undefined, data: WorkerJob): Worker {
  if (script) return new Worker(script.path, { workerData: data });
  // A graph that imports packages: the worker registers ts-node before loading the sources.
  const tsNode = JSON.stringify(require.resolve('ts-node'));
  const project = JSON.stringify(resolve(__dirname, '../../../tsconfig.json'));
  const entry = JSON.stringify(resolve(__dirname, 'member-block.worker.ts'));
  const bootstrap = `require(${tsNode}).register({ transpileOnly: true, project: ${project} }); require(${entry});`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
