import { injectable } from 'tsyringe';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import {
  CLAIM_BATCH_MONTHS,
  COUNT_EXISTING_CLAIMS,
  CREATE_CLAIM_BATCH,
  DELETE_MOVED_CLAIMS,
  ENSURE_DATES,
  ENSURE_PARTITIONS,
  SUMMARIZE_CLAIM_BATCH,
  UNRESOLVED_CLAIMS,
  UPSERT_CLAIMS,
} from './claim-facts.sql';

export interface ClaimFactsResult {
  readonly claimsInserted: number;
  readonly claimsUpdated: number;
  /** Distinct inferred dimension rows the batch's claims point at. */
  readonly inferredMembers: number;
  readonly inferredProviders: number;
  readonly inferredPlans: number;
  readonly partitionsCreated: number;
  /** YYYY-MM-01, ascending: months whose claims were inserted, updated or moved away. */
  readonly touchedMonths: readonly string[];
}

interface BatchSummary {
  readonly claims: number;
  readonly first_date: string | null;
  readonly last_date: string | null;
  readonly missing_members: number;
  readonly missing_providers: number;
  readonly missing_plans: number;
  readonly inferred_members: number;
  readonly inferred_providers: number;
  readonly inferred_plans: number;
}

/** A claim referenced a natural key the dimensions lack: the dimension stage broke its promise. */
export class UnresolvedClaimKeysError extends Error {
  constructor(
    summary: BatchSummary,
    samples: ReadonlyArray<{ claim_id: string; missing: string }>,
  ) {
    const examples = samples.map((s) => `${s.claim_id} (${s.missing})`).join(', ');
    super(
      `fact_claim: ${summary.missing_members} claims without a member row, ` +
        `${summary.missing_providers} without a provider row, ${summary.missing_plans} without a plan row ` +
        `(load-dimensions creates inferred rows for every referenced key); e.g. ${examples}`,
    );
    this.name = 'UnresolvedClaimKeysError';
  }
}

/**
 * Loads the batch's staged claims into warehouse.fact_claim: one row per claim_id with the
 * dimension versions in force on its service date; a re-sent claim is updated in place (or
 * moved when its service date or member changed). Runs in the batch transaction it is handed.
 */
@injectable()
export class LoadClaimFactsService {
  async load(tx: SqlSession, ctx: BatchContext): Promise<ClaimFactsResult> {
    await tx.execute(`DROP TABLE IF EXISTS pg_temp.fact_claim_batch`);
    await tx.execute(CREATE_CLAIM_BATCH, [ctx.loadId]);
    await tx.execute(`ANALYZE pg_temp.fact_claim_batch`);

    const [summary] = await tx.query<BatchSummary & Record<string, unknown>>(SUMMARIZE_CLAIM_BATCH);
    if (summary.missing_members + summary.missing_providers + summary.missing_plans > 0) {
      const samples = await tx.query<{ claim_id: string; missing: string }>(UNRESOLVED_CLAIMS);
      throw new UnresolvedClaimKeysError(summary, samples);
    }

    let partitionsCreated = 0;
    let existing = 0;
    let moved = 0;
    const months = new Set<string>();
    if (summary.claims > 0 && summary.first_date && summary.last_date) {
      await tx.query(ENSURE_DATES, [yearOf(summary.first_date), yearOf(summary.last_date)]);
      const [partitions] = await tx.query<{ created: number }>(ENSURE_PARTITIONS, [
        summary.first_date,
        summary.last_date,
      ]);
      partitionsCreated = partitions.created;

      [{ existing }] = await tx.query<{ existing: number }>(COUNT_EXISTING_CLAIMS);
      for (const row of await tx.query<{ month: string; moved: number }>(DELETE_MOVED_CLAIMS)) {
        moved += row.moved;
        months.add(row.month);
      }
      for (const row of await tx.query<{ month: string }>(CLAIM_BATCH_MONTHS))
        months.add(row.month);

      const upserted = await tx.execute(UPSERT_CLAIMS);
      if (upserted.rowCount !== summary.claims) {
        throw new Error(
          `fact_claim: wrote ${upserted.rowCount} rows for ${summary.claims} batch claims`,
        );
      }
    }
    await tx.execute(`DROP TABLE IF EXISTS pg_temp.fact_claim_batch`);

    const result: ClaimFactsResult = {
      // a moved claim is deleted and inserted again, but it is an update of a known claim
      claimsInserted: summary.claims - existing - moved,
      claimsUpdated: existing + moved,
      inferredMembers: summary.inferred_members,
      inferredProviders: summary.inferred_providers,
      inferredPlans: summary.inferred_plans,
      partitionsCreated,
      touchedMonths: [...months].sort(),
    };
    ctx.logger.info('claim facts loaded', {
      ...result,
      touchedMonths: result.touchedMonths.length,
    });
    return result;
  }
}

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
