import { BLOCK_MEMBERS, MemberBlockGenerator } from './model/member-block';
import { MemberBlockJob, MemberBlockRunnerPort } from './ports/member-block-runner.port';
import { BlockOutput } from './model/member-block';

/** Generates the member blocks one after the other in the calling thread. */
export class InProcessBlockRunner implements MemberBlockRunnerPort {
  async run(job: MemberBlockJob, consume: (output: BlockOutput) => Promise<void>): Promise<void> {
    const generator = new MemberBlockGenerator(job.context.ctx);
    const blocks = Math.ceil(job.members / BLOCK_MEMBERS);
    for (let b = 0; b < blocks; b++) {
      const first = b * BLOCK_MEMBERS + 1;
      await consume(generator.generate(b, first, Math.min(BLOCK_MEMBERS, job.members - first + 1)));
    }
  }
}
