import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { pipelineSucceeded, renderSummary } from '../../application/run-pipeline/batch-report';
import { parseStages } from '../../application/run-pipeline/pipeline-options';
import { RunPipelineService } from '../../application/run-pipeline/run-pipeline.service';
import { EXIT, openCliRuntime, runCli, UsageError } from './support/cli-runtime';

const USAGE = `usage: npm run etl -- --mode full|incremental [--source <folder>] [options]

  --mode full          load one seed set into an empty warehouse (--reset rebuilds first)
  --mode incremental   load every seed set in --source newer than the last loaded batch
  --source <folder>    seed set (full) or folder of seed sets (incremental; default SEED_DIR)
  --as-of <date>       as_of for a seed set without manifest or timestamped folder name
  --stages <list>      run only a prefix of: stage,dimensions,facts,quality,marts
  --reset              drop and rebuild the warehouse first (asks on a terminal unless --yes)
  --yes                do not ask for confirmation
  --wait               wait for a concurrent run instead of exiting with code 3
  --json               print the report as JSON instead of a table`;

async function confirmReset(): Promise<boolean> {
  if (!process.stdin.isTTY || process.env.CI) return true;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(
    '--reset drops every table of the warehouse. Type "reset" to continue: ',
  );
  rl.close();
  return answer.trim() === 'reset';
}

void runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        mode: { type: 'string' },
        source: { type: 'string' },
        'as-of': { type: 'string' },
        stages: { type: 'string' },
        reset: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        wait: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const mode = values.mode;
  if (mode !== 'full' && mode !== 'incremental')
    throw new UsageError(`--mode must be full or incremental\n${USAGE}`);
  const asOf = values['as-of'] ? new Date(values['as-of']) : undefined;
  if (asOf && Number.isNaN(asOf.getTime()))
    throw new UsageError(`--as-of '${values['as-of']}' is not a date (use YYYY-MM-DD or ISO 8601)`);
  let stages;
  try {
    stages = parseStages(values.stages);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.reset && !values.yes && !(await confirmReset())) {
    process.stderr.write('reset cancelled\n');
    return EXIT.usage;
  }

  const runtime = await openCliRuntime();
  try {
    const source = values.source ?? (mode === 'incremental' ? runtime.config.SEED_DIR : undefined);
    if (!source) throw new UsageError(`--mode full needs --source <seed set folder>\n${USAGE}`);
    const pipeline = runtime.container.resolve(RunPipelineService);
    const report = await pipeline.run({
      mode,
      source,
      stages,
      reset: values.reset,
      wait: values.wait,
      ...(asOf ? { asOf } : {}),
    });
    process.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderSummary(report)}\n`,
    );
    return pipelineSucceeded(report) ? EXIT.ok : EXIT.failed;
  } finally {
    await runtime.close();
  }
});
