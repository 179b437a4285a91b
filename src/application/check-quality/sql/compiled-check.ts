import { QualityCheck } from '../../../domain/data-quality/quality-check';

/** One statement with its own parameters. */
export interface SqlStep {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Temporary tables that a check reads and other checks of the same run may read too, so that
 * what they have in common is computed once: the first check needing them runs `steps`, and
 * the run drops `tables` when it ends. The names identify the contents within a run (the
 * compiler derives them from everything the steps read and carry).
 */
export interface SharedTables {
  /** Plain names of the temporary tables the steps create. */
  readonly tables: readonly string[];
  readonly steps: readonly SqlStep[];
}

/**
 * One check compiled to one read-only statement returning exactly one row:
 * `failing_count` (bigint), `sample_keys` (jsonb array of key objects) and `observed`
 * (jsonb figures measured by the check, or NULL).
 */
export interface CompiledCheck {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Temporary tables `sql` reads, built once per run before it (only when the scope allows). */
  readonly shared?: SharedTables;
}

export interface CompileScope {
  /** Batch being checked; NULL when checking the warehouse as a whole. */
  readonly loadId: number | null;
  /** Reference time of freshness; NULL = the database's now(). */
  readonly asOf: Date | null;
  /** How many failing keys to sample. */
  readonly sampleSize: number;
  /**
   * Whether checks may read temporary tables built once for the run. Only inside a
   * transaction: outside one, each statement may run on another pooled connection.
   */
  readonly shareTables?: boolean;
  /** The checks of the run, among which keyed reconciliations of the same rows share tables. */
  readonly checks?: readonly QualityCheck[];
}

export interface CheckRow extends Record<string, unknown> {
  failing_count: number;
  sample_keys: Array<Record<string, unknown>> | null;
  observed: Record<string, unknown> | null;
}
