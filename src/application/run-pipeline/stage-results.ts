/**
 * What each stage reports back to the pipeline; the pipeline stores them on
 * etl.load_batch (files, stages) and prints the summary table from them.
 */
export interface FileStageCounts {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Data lines (records) read, header excluded. */
  readonly read: number;
  readonly staged: number;
  readonly rejected: number;
  /** Staged rows repeating an earlier row's natural key with the same values. */
  readonly duplicates: number;
  /** Staged rows repeating an earlier row's natural key with different values (last wins). */
  readonly conflicts: number;
  /** Header names the contract does not know (kept in `extra`). */
  readonly unknownColumns: readonly string[];
}

export interface StageResult {
  readonly files: readonly FileStageCounts[];
}

export interface DimensionCounts {
  readonly dimension: string;
  /** Natural keys seen for the first time. */
  readonly newKeys: number;
  /** Current versions expired because a change driver changed (each gets a new version). */
  readonly changed: number;
  readonly unchanged: number;
  /** Current versions updated in place (type-1 attributes). */
  readonly type1Updated: number;
  /** Inferred rows completed in place by their real row. */
  readonly inferredCompleted: number;
}

export interface DimensionsResult {
  readonly dimensions: readonly DimensionCounts[];
}

export interface FactsResult {
  readonly claimsInserted: number;
  readonly claimsUpdated: number;
  /** Inferred dimension rows created for keys the dimensions did not have. */
  readonly inferredMembers: number;
  readonly inferredProviders: number;
  readonly inferredPlans: number;
  readonly enrollmentPeriods: number;
  readonly enrollmentMembers: number;
  /** Months (YYYY-MM-01) whose claims the batch inserted or updated; marts refresh these. */
  readonly touchedMonths: readonly string[];
}

export interface QualityResult {
  readonly passed: number;
  readonly warned: number;
  readonly failed: number;
  /** Names of failed checks of severity error; any makes the batch fail. */
  readonly errorFailures: readonly string[];
}

export interface MartsResult {
  readonly refreshed: ReadonlyArray<{
    readonly name: string;
    readonly seconds: number;
    readonly mode: 'full' | 'incremental';
  }>;
}
