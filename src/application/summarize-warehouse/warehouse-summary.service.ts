import { inject, injectable } from 'tsyringe';
import { SQL_DATABASE, SqlDatabase } from '../ports/sql-database.port';

export interface DimensionVersions {
  readonly dimension: string;
  readonly keys: number;
  readonly versions: number;
  /** Natural keys with more than one version: their history changed. */
  readonly keysWithHistory: number;
  readonly inferred: number;
}

export interface WarehouseSummary {
  readonly batches: number;
  readonly dimensions: readonly DimensionVersions[];
  readonly claims: number;
  readonly paid: string;
  readonly enrollmentPeriods: number;
  readonly memberMonths: string;
}

/** The versioned dimensions and the natural key each is counted by. */
const VERSIONED: ReadonlyArray<{ table: string; key: string }> = [
  { table: 'dim_member', key: 'member_id' },
  { table: 'dim_plan', key: 'plan_id, effective_year' },
  { table: 'dim_provider', key: 'provider_id' },
  { table: 'dim_enrollment', key: 'member_id, plan_id, start_date' },
];

/** What the warehouse holds, in a few set-based counts (for the demo and operators). */
@injectable()
export class WarehouseSummaryService {
  constructor(@inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async summarize(): Promise<WarehouseSummary> {
    const dimensions: DimensionVersions[] = [];
    for (const { table, key } of VERSIONED) {
      const [row] = await this.db.query<{
        keys: number;
        versions: number;
        with_history: number;
        inferred: number;
      }>(
        `WITH per_key AS (
           SELECT count(*) AS versions, bool_or(is_inferred) AS inferred
             FROM warehouse.${table}
            GROUP BY ${key}
         )
         SELECT count(*) AS keys,
                coalesce(sum(versions), 0)::bigint AS versions,
                count(*) FILTER (WHERE versions > 1) AS with_history,
                count(*) FILTER (WHERE inferred) AS inferred
           FROM per_key`,
      );
      dimensions.push({
        dimension: table,
        keys: row?.keys ?? 0,
        versions: row?.versions ?? 0,
        keysWithHistory: row?.with_history ?? 0,
        inferred: row?.inferred ?? 0,
      });
    }
    const [facts] = await this.db.query<{
      claims: number;
      paid: string;
      periods: number;
      member_months: string;
      batches: number;
    }>(
      `SELECT (SELECT count(*) FROM warehouse.fact_claim) AS claims,
              (SELECT coalesce(sum(paid_amount), 0) FROM warehouse.fact_claim)::numeric(16,2) AS paid,
              (SELECT count(*) FROM warehouse.fact_enrollment) AS periods,
              (SELECT coalesce(sum(member_months), 0) FROM warehouse.fact_enrollment)::numeric(16,2) AS member_months,
              (SELECT count(*) FROM etl.load_batch WHERE status = 'succeeded') AS batches`,
    );
    return {
      batches: facts?.batches ?? 0,
      dimensions,
      claims: facts?.claims ?? 0,
      paid: facts?.paid ?? '0.00',
      enrollmentPeriods: facts?.periods ?? 0,
      memberMonths: facts?.member_months ?? '0.00',
    };
  }
}
