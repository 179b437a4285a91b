/**
 * Worker-thread side of WorkerBlockRunner: rebuilds the generation context from the job's
 * inputs and generates every `workers`-th member block, posting each block's encoded bytes
 * (transferred, not copied) to the main thread. At most MAX_IN_FLIGHT blocks wait unconsumed,
 * so memory stays bounded when writing is slower than generating.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildFullContext } from '../../application/generate-seed-set/model/full-context';
import {
  BLOCK_MEMBERS,
  MemberBlockGenerator,
} from '../../application/generate-seed-set/model/member-block';
import { BlockMessage, WorkerJob, toTransferable } from './member-block.protocol';

const MAX_IN_FLIGHT = 3;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('member-block.worker must run in a worker thread');
  const job = workerData as WorkerJob;
  const { ctx } = buildFullContext(job.input, job.pools);
  const generator = new MemberBlockGenerator(ctx);
  const blocks = Math.ceil(job.members / BLOCK_MEMBERS);
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    inFlight--;
    wake?.();
  });
  for (let b = job.workerIndex; b < blocks; b += job.workers) {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    const first = b * BLOCK_MEMBERS + 1;
    const output = generator.generate(b, first, Math.min(BLOCK_MEMBERS, job.members - first + 1));
    const { message, transfer } = toTransferable(output);
    inFlight++;
    port.postMessage(message satisfies BlockMessage, transfer);
  }
  // Stay alive until the runner has consumed everything and terminates the thread.
}

void main();
