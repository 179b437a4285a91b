import 'reflect-metadata';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pipelineSucceeded, renderSummary } from '../../application/run-pipeline/batch-report';
import { DemoReport, RunDemoService } from '../../application/run-demo/run-demo.service';
import { renderTextTable } from '../../application/reporting/text-table';
import { EXIT, openCliRuntime, runCli, UsageError } from './support/cli-runtime';

const USAGE = `usage: npm start [-- --members 2000] [--reset]

Generates a small deterministic seed-set chain (a full extract and two quarterly increments)
under SEED_DIR/demo, loads what the warehouse lacks (embedded PGlite unless DATABASE_URL is
set), checks data quality and prints a short report. Run it again and nothing changes.`;

function table(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const cells = rows.map((r) =>
    columns.map((c) => (r[c] === null || r[c] === undefined ? '-' : String(r[c]))),
  );
  return renderTextTable(columns, cells, { rightAligned: (i) => i > 0 });
}

function render(report: DemoReport, seedDir: string): string {
  const s = report.summary;
  const dims = s.dimensions.map((d) => ({
    dimension: d.dimension,
    keys: d.keys,
    versions: d.versions,
    'keys with history': d.keysWithHistory,
    inferred: d.inferred,
  }));
  return [
    '',
    report.generated.length > 0
      ? `Generated ${report.generated.length} seed set(s) in ${seedDir}.`
      : `Seed sets already in ${seedDir}; nothing generated.`,
    '',
    'Load batches',
    renderSummary(report.pipeline),
    '',
    'SCD2 versions per dimension',
    table(['dimension', 'keys', 'versions', 'keys with history', 'inferred'], dims),
    '',
    `Facts: ${s.claims} claims, paid $${s.paid}; ${s.enrollmentPeriods} coverage periods, ${s.memberMonths} member months (${s.batches} batches loaded).`,
    '',
    'PMPM by metal tier (paid per member month, all months)',
    table(report.pmpmByMetal.columns, report.pmpmByMetal.rows),
    '',
    'Where to look next:',
    '  npm run serve                                   dashboard and API on http://127.0.0.1:3000',
    '  npm run cube -- --measures paid,pmpm --by metal_tier,month',
    '  npm run dq                                      data-quality report in reports/',
    '  README.md "Sample queries"                      SCD2 history, point-in-time joins, PMPM',
    '',
  ].join('\n');
}

void runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        members: { type: 'string', default: '2000' },
        reset: { type: 'boolean', default: false },
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
  const members = Number(values.members);
  if (!Number.isInteger(members) || members < 10)
    throw new UsageError(`--members must be a whole number ≥ 10, got '${values.members}'`);

  const runtime = await openCliRuntime();
  try {
    const seedDir = join(runtime.config.SEED_DIR, 'demo');
    const report = await runtime.container
      .resolve(RunDemoService)
      .run({ seedDir, members, reset: values.reset });
    process.stdout.write(render(report, seedDir));
    return pipelineSucceeded(report.pipeline) ? EXIT.ok : EXIT.failed;
  } finally {
    await runtime.close();
  }
});
