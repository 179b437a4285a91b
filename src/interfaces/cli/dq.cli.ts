import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { CheckQualityService } from '../../application/check-quality/check-quality.service';
import { renderCheckCatalogueMarkdown } from '../../application/check-quality/report/check-catalogue-markdown';
import { renderQualityText } from '../../application/check-quality/report/quality-report-text';
import {
  LOAD_BATCH_REPOSITORY,
  LoadBatchRepository,
} from '../../application/ports/load-batch-repository.port';
import { QUALITY_CHECKS } from '../../domain/data-quality/checks.catalog';
import { writeQualityReports } from '../../infrastructure/data-quality/quality-report-files';
import { EXIT, openCliRuntime, runCli, UsageError } from './support/cli-runtime';

const USAGE = `usage: npm run dq [-- options]

Runs every data-quality check against the warehouse, with the batch reconciliations on the
latest loaded batch; saves the results in etl.dq_result, prints them and writes
REPORT_DIR/dq-<load_id>.md and .html. Exits 1 when a check of severity error fails.

  --load-id <n>   reconcile this batch instead of the latest loaded one
  --catalogue     print the catalogue as a Markdown table (for docs/data-quality.md) and exit`;

void runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'load-id': { type: 'string' },
        catalogue: { type: 'boolean', default: false },
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
  if (values.catalogue) {
    process.stdout.write(`${renderCheckCatalogueMarkdown(QUALITY_CHECKS)}\n`);
    return EXIT.ok;
  }
  const requested = values['load-id'];
  if (requested !== undefined && !/^[1-9]\d*$/.test(requested)) {
    throw new UsageError(`--load-id must be a positive integer, got '${requested}'`);
  }

  const runtime = await openCliRuntime({ migrate: true });
  try {
    const db = runtime.database.db;
    const batches = runtime.container.resolve<LoadBatchRepository>(LOAD_BATCH_REPOSITORY);
    const loadId = requested ? Number(requested) : ((await batches.latestLoaded())?.loadId ?? null);
    const service = runtime.container.resolve(CheckQualityService);
    const run = await db.transaction((tx) => service.run(tx, { loadId }));
    await service.save(db, run);
    process.stdout.write(`${renderQualityText(run)}\n`);
    const paths = await writeQualityReports(runtime.config.REPORT_DIR, run);
    process.stdout.write(`\nReports: ${paths.markdown}, ${paths.html}\n`);
    return run.summary.errorFailures.length > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await runtime.close();
  }
});
