import { injectable } from 'tsyringe';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import { FactsResult } from '../run-pipeline/stage-results';
import { LoadClaimFactsService } from './load-claim-facts.service';
import { LoadEnrollmentFactsService } from './load-enrollment-facts.service';

/**
 * The facts stage of a load batch: claims, then enrollment periods, in the batch transaction.
 * Runs after the dimension stage, which guarantees a row (maybe inferred) for every natural key
 * the staged claims and enrollments reference.
 */
@injectable()
export class LoadFactsService {
  constructor(
    private readonly claims: LoadClaimFactsService,
    private readonly enrollments: LoadEnrollmentFactsService,
  ) {}

  async load(tx: SqlSession, ctx: BatchContext): Promise<FactsResult> {
    const claims = await this.claims.load(tx, ctx);
    const enrollments = await this.enrollments.load(tx, ctx);
    return {
      claimsInserted: claims.claimsInserted,
      claimsUpdated: claims.claimsUpdated,
      inferredMembers: claims.inferredMembers,
      inferredProviders: claims.inferredProviders,
      inferredPlans: claims.inferredPlans,
      enrollmentPeriods: enrollments.enrollmentPeriods,
      enrollmentMembers: enrollments.enrollmentMembers,
      touchedMonths: claims.touchedMonths,
    };
  }
}
