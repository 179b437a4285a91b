import { CheckKind, CheckSeverity } from '../../domain/data-quality/quality-check';
import { QualityResult } from '../run-pipeline/stage-results';

/** pass: no failing rows; fail: some; error: the check could not run (its SQL failed). */
export type CheckStatus = 'pass' | 'fail' | 'error';

/** The outcome of one check, as stored in etl.dq_result. */
export interface CheckResult {
  readonly name: string;
  readonly kind: CheckKind;
  readonly table: string;
  readonly severity: CheckSeverity;
  readonly description: string;
  readonly status: CheckStatus;
  /** Failing rows (keys, files or claims, depending on the kind); 0 when the check errored. */
  readonly failingCount: number;
  /** A few failing keys (ids only). */
  readonly sampleKeys: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** Figures the check measured (row count, totals, values found, age); null when none. */
  readonly observed: Readonly<Record<string, unknown>> | null;
  /** Why the check could not run (status error), without data values. */
  readonly errorMessage: string | null;
  readonly checkedAt: Date;
  readonly durationMs: number;
}

/** One run of the catalogue against a batch (or the whole warehouse when loadId is null). */
export interface QualityRun {
  readonly loadId: number | null;
  readonly asOf: Date | null;
  readonly startedAt: Date;
  readonly results: readonly CheckResult[];
  /** Checks left out because they compare a batch and there was none. */
  readonly skipped: readonly string[];
  readonly summary: QualityResult;
}
