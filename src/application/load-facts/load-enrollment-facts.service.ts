import { injectable } from 'tsyringe';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import {
  ANALYZE_ENROLLMENT_INPUTS,
  deletePeriods,
  EnrollmentScope,
  insertPeriods,
  REFRESH_OPEN_PERIODS,
} from './enrollment-facts.sql';

export interface EnrollmentFactsResult {
  /** Coverage periods (re)computed for the members in scope. */
  readonly enrollmentPeriods: number;
  readonly enrollmentMembers: number;
  /** Open periods of members outside the scope whose day counts moved to the new as_of. */
  readonly openPeriodsRefreshed: number;
  readonly scope: EnrollmentScope;
}

/**
 * Recomputes warehouse.fact_enrollment (one row per member-plan continuous coverage period)
 * from the current span versions in warehouse.dim_enrollment: for every member when the batch
 * is a full load or a full seed set, else for the members with spans in the batch.
 */
@injectable()
export class LoadEnrollmentFactsService {
  async load(tx: SqlSession, ctx: BatchContext): Promise<EnrollmentFactsResult> {
    const scope: EnrollmentScope =
      ctx.mode === 'full' || ctx.seedSet.kind === 'full' ? 'all' : 'batch-members';

    await tx.execute(ANALYZE_ENROLLMENT_INPUTS);
    await tx.execute(deletePeriods(scope), scope === 'all' ? [] : [ctx.loadId]);
    const refreshed =
      scope === 'all'
        ? 0
        : (await tx.execute(REFRESH_OPEN_PERIODS, [ctx.asOf, ctx.loadId])).rowCount;
    const [inserted] = await tx.query<{ periods: number; members: number }>(insertPeriods(scope), [
      ctx.loadId,
      ctx.asOf,
    ]);

    const result: EnrollmentFactsResult = {
      enrollmentPeriods: inserted.periods,
      enrollmentMembers: inserted.members,
      openPeriodsRefreshed: refreshed,
      scope,
    };
    ctx.logger.info('enrollment facts loaded', { ...result });
    return result;
  }
}
