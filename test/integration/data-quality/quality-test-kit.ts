import { Logger } from '../../../src/application/ports/logger.port';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import {
  CheckQualityService,
  QualityScope,
} from '../../../src/application/check-quality/check-quality.service';
import { CheckResult, QualityRun } from '../../../src/application/check-quality/quality-run';
import { QualityCheck } from '../../../src/domain/data-quality/quality-check';

export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};

export const qualityService = new CheckQualityService(silentLogger);

/** Runs `checks` as the pipeline does: inside one transaction. */
export function runChecks(
  db: SqlDatabase,
  checks: readonly QualityCheck[],
  scope: QualityScope = { loadId: null },
): Promise<QualityRun> {
  return db.transaction((tx) => qualityService.run(tx, scope, checks));
}

export async function runCheck(
  db: SqlDatabase,
  check: QualityCheck,
  scope: QualityScope = { loadId: null },
): Promise<CheckResult> {
  const run = await runChecks(db, [check], scope);
  const result = run.results[0];
  if (!result) throw new Error(`check ${check.name} did not run`);
  return result;
}

/** The outcome in a form that reads well in assertions. */
export function outcome(result: CheckResult): {
  status: string;
  failing: number;
  sample: ReadonlyArray<Readonly<Record<string, unknown>>>;
} {
  return { status: result.status, failing: result.failingCount, sample: result.sampleKeys };
}
