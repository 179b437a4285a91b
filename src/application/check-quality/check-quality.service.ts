import { performance } from 'node:perf_hooks';
import { inject, injectable } from 'tsyringe';
import { QUALITY_CHECKS } from '../../domain/data-quality/checks.catalog';
import { needsBatch, QualityCheck } from '../../domain/data-quality/quality-check';
import { LOGGER, Logger } from '../ports/logger.port';
import { CheckQualityStage } from '../ports/pipeline-stages.port';
import { SqlSession } from '../ports/sql-database.port';
import { checkErrorMessage } from './check-error-message';
import { compileCheck } from './compile-check';
import { CheckResult, QualityRun } from './quality-run';
import { summarize } from './quality-summary';
import { SavepointGuard } from './savepoint-guard';
import { withSettings } from '../shared/with-settings';
import { SharedTableBuilder } from './shared-tables';
import { CheckRow, CompileScope } from './sql/compiled-check';

const CHECK_PLANNER_SETTINGS: Readonly<Record<string, string>> = { jit: 'off' };

/** Failing keys kept per check. */
export const SAMPLE_SIZE = 5;

export interface QualityScope {
  /** Batch to check; null checks the warehouse as a whole (batch reconciliations are skipped). */
  readonly loadId: number | null;
  /** Reference time of freshness checks (the batch's as_of); default now(). */
  readonly asOf?: Date;
}

/**
 * Runs the data-quality checks, one SQL statement each, inside the session it is given
 * (inside the batch transaction, each check under its own savepoint), and stores the results
 * in etl.dq_result. A check whose SQL fails becomes a result with status `error`. Inside a
 * transaction, checks comparing the same rows read temporary tables built once for the run.
 */
@injectable()
export class CheckQualityService implements CheckQualityStage<QualityRun> {
  constructor(@inject(LOGGER) private readonly logger: Logger) {}

  async run(
    session: SqlSession,
    scope: QualityScope,
    checks: readonly QualityCheck[] = QUALITY_CHECKS,
  ): Promise<QualityRun> {
    const startedAt = new Date();
    const runnable = scope.loadId === null ? checks.filter((c) => !needsBatch(c)) : checks;
    const skipped = checks.filter((c) => !runnable.includes(c)).map((c) => c.name);
    const guard = await SavepointGuard.open(session);
    const compileScope: CompileScope = {
      loadId: scope.loadId,
      asOf: scope.asOf ?? null,
      sampleSize: SAMPLE_SIZE,
      shareTables: guard.inTransaction,
      checks: runnable,
    };
    const shared = new SharedTableBuilder(session, guard);
    const runAll = async (): Promise<CheckResult[]> => {
      const out: CheckResult[] = [];
      for (const check of runnable) {
        out.push(await this.runCheck(session, guard, shared, check, compileScope));
      }
      await shared.dropAll();
      return out;
    };
    // JIT off inside a batch (transaction-local, restored after): a check is one count over a
    // table, but the reconciliations' full joins inflate the estimated cost, and PostgreSQL
    // spent seconds compiling plans that then ran in less (as the SCD2 merge found).
    const results = guard.inTransaction
      ? await withSettings(session, CHECK_PLANNER_SETTINGS, runAll)
      : await runAll();
    const summary = summarize(results);
    this.logger.info('data-quality checks ran', {
      load_id: scope.loadId,
      checks: results.length,
      skipped: skipped.length,
      passed: summary.passed,
      warned: summary.warned,
      failed: summary.failed,
      error_failures: summary.errorFailures,
    });
    return {
      loadId: scope.loadId,
      asOf: scope.asOf ?? null,
      startedAt,
      results,
      skipped,
      summary,
    };
  }

  /** Stores every result of the run in etl.dq_result, in one statement. */
  async save(session: SqlSession, run: QualityRun): Promise<void> {
    if (run.results.length === 0) return;
    const records = run.results.map((r) => ({
      load_id: run.loadId,
      check_name: r.name,
      check_kind: r.kind,
      table_name: r.table,
      severity: r.severity,
      status: r.status,
      failing_count: r.failingCount,
      sample_keys: r.sampleKeys,
      observed: r.observed,
      error_message: r.errorMessage,
      description: r.description,
      checked_at: r.checkedAt.toISOString(),
      duration_ms: r.durationMs,
    }));
    await session.execute(
      `INSERT INTO etl.dq_result (
         load_id, check_name, check_kind, table_name, severity, status, failing_count,
         sample_keys, observed, error_message, description, checked_at, duration_ms
       )
       SELECT r.load_id, r.check_name, r.check_kind, r.table_name, r.severity, r.status,
              r.failing_count, r.sample_keys, r.observed, r.error_message, r.description,
              r.checked_at, r.duration_ms
         FROM jsonb_to_recordset($1::jsonb) AS r (
                load_id bigint, check_name text, check_kind text, table_name text,
                severity text, status text, failing_count bigint, sample_keys jsonb,
                observed jsonb, error_message text, description text,
                checked_at timestamptz, duration_ms integer)`,
      [JSON.stringify(records)],
    );
  }

  private async runCheck(
    session: SqlSession,
    guard: SavepointGuard,
    shared: SharedTableBuilder,
    check: QualityCheck,
    scope: CompileScope,
  ): Promise<CheckResult> {
    const checkedAt = new Date();
    const started = performance.now();
    const base = {
      name: check.name,
      kind: check.kind,
      table: check.table,
      severity: check.severity,
      description: check.description,
      checkedAt,
    };
    try {
      const compiled = compileCheck(check, scope);
      // The first check reading shared tables carries the time to build them.
      if (compiled.shared) await shared.ensure(compiled.shared);
      const rows = await guard.run(() => session.query<CheckRow>(compiled.sql, compiled.params));
      const row = rows[0];
      if (!row) throw new Error('the check query returned no row');
      const failingCount = Number(row.failing_count);
      const result: CheckResult = {
        ...base,
        status: failingCount > 0 ? 'fail' : 'pass',
        failingCount,
        sampleKeys: row.sample_keys ?? [],
        observed: row.observed,
        errorMessage: null,
        durationMs: elapsed(started),
      };
      if (result.status === 'fail') {
        this.logger.debug('data-quality check failed', {
          check: check.name,
          severity: check.severity,
          failing_count: failingCount,
        });
      }
      return result;
    } catch (error) {
      const errorMessage = checkErrorMessage(error);
      this.logger.warn('data-quality check could not run', {
        check: check.name,
        error: errorMessage,
      });
      return {
        ...base,
        status: 'error',
        failingCount: 0,
        sampleKeys: [],
        observed: null,
        errorMessage,
        durationMs: elapsed(started),
      };
    }
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
