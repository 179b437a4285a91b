/**
 * One check compiled to one read-only statement returning exactly one row:
 * `failing_count` (bigint), `sample_keys` (jsonb array of key objects) and `observed`
 * (jsonb figures measured by the check, or NULL).
 */
export interface CompiledCheck {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface CompileScope {
  /** Batch being checked; NULL when checking the warehouse as a whole. */
  readonly loadId: number | null;
  /** Reference time of freshness; NULL = the database's now(). */
  readonly asOf: Date | null;
  /** How many failing keys to sample. */
  readonly sampleSize: number;
}

export interface CheckRow extends Record<string, unknown> {
  failing_count: number;
  sample_keys: Array<Record<string, unknown>> | null;
  observed: Record<string, unknown> | null;
}
