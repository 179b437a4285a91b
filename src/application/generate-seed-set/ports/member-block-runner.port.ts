import { BlockOutput } from '../model/member-block';
import { FullContext, FullContextInput } from '../model/full-context';
import { TextPools } from './text-pools.port';

export interface MemberBlockJob {
  /** Inputs from which a worker rebuilds the identical context. */
  readonly input: FullContextInput;
  readonly pools: TextPools;
  /** The context already built in this thread (an in-process runner uses it directly). */
  readonly context: FullContext;
  readonly members: number;
}

/**
 * Runs full generation over all member blocks, possibly in parallel, and hands each block's
 * output to `consume` strictly in block order (so files are byte-identical to a sequential
 * run). `consume` is awaited before further blocks are delivered (backpressure).
 */
export interface MemberBlockRunnerPort {
  run(job: MemberBlockJob, consume: (output: BlockOutput) => Promise<void>): Promise<void>;
}
