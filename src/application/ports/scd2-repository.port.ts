import { DimensionCounts } from '../run-pipeline/stage-results';
import { SqlSession } from './sql-database.port';

/** The load batch a merge belongs to: its versions are valid from `asOf` and carry `loadId`. */
export interface Scd2Batch {
  readonly loadId: number;
  readonly asOf: Date;
}

/**
 * A source row of a dimension: natural key and attribute columns (by column name) and the
 * line it came from. Among rows of one natural key the highest `source_line` wins (given a
 * list without lines, the last row wins).
 */
export type Scd2SourceRow<T> = { readonly [K in keyof T]?: T[K] | null } & {
  readonly source_line?: number;
};

/** Natural key values of a row, by column name. */
export type Scd2Key<T> = { readonly [K in keyof T]?: T[K] };

/** What a merge did, per natural key of the (de-duplicated) source. */
export interface Scd2MergeCounts extends DimensionCounts {
  /**
   * Changed keys whose current version began at this same as_of: overwritten in place instead
   * of leaving a zero-length version (not counted in `changed`).
   */
  readonly correctedInPlace: number;
}

/**
 * SCD2 persistence of one dimension. Every method runs inside the batch transaction it is
 * given (the adapter uses temp tables that live until commit). Rules, whatever the source:
 * - a key not seen before gets a version valid from the batch as_of;
 * - a different change-driver hash expires the current version at as_of and adds a new one;
 * - equal hash: the version stays, type-1 attributes are updated in place if they differ;
 * - an inferred current version is completed in place by its real row (same surrogate key);
 * - a batch older than a key's current version is refused.
 */
export interface Scd2RepositoryPort<T extends object> {
  /** Table name, e.g. `dim_member`. */
  readonly dimension: string;

  /** Merges this batch's staged rows of the dimension (set-based; the hot path). */
  mergeStaged(tx: SqlSession, batch: Scd2Batch): Promise<Scd2MergeCounts>;

  /** Merges the given rows with the same rules (tests, small corrections). */
  mergeRows(
    tx: SqlSession,
    rows: readonly Scd2SourceRow<T>[],
    batch: Scd2Batch,
  ): Promise<Scd2MergeCounts>;

  /**
   * Adds an inferred version (all attributes NULL, valid from as_of) for every natural key the
   * batch's staged facts reference that has no current version; returns how many.
   */
  inferReferenced(tx: SqlSession, batch: Scd2Batch): Promise<number>;

  /** Same as inferReferenced for the given natural keys. */
  inferKeys(tx: SqlSession, keys: readonly Scd2Key<T>[], batch: Scd2Batch): Promise<number>;

  /**
   * Every version of the given natural key (all keys when omitted: small tables and tests
   * only), ordered by natural key and validity start; `attr_hash` as hex.
   */
  findVersions(tx: SqlSession, key?: Scd2Key<T>): Promise<T[]>;
}

/** The SCD2 repositories of all dimensions, in merge order (`Scd2RepositoryPort<object>[]`). */
export const SCD2_REPOSITORIES = Symbol('Scd2Repositories');
