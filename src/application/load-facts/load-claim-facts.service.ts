import { injectable } from 'tsyringe';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import {
  ANALYZE_CLAIM_INPUTS,
  createClaimBatch,
  DELETE_MOVED_CLAIMS,
  ENSURE_DATES,
  ENSURE_PARTITIONS,
  FACT_CLAIM_IS_EMPTY,
  INSERT_NEW_CLAIMS,
  MARK_RESENT_CLAIMS,
  NEW_CLAIM_MONTHS,
  SUMMARIZE_CLAIM_BATCH,
  UNRESOLVED_CLAIMS,
  UPDATE_CHANGED_CLAIMS,
} from './claim-facts.sql';
import { withSettings } from '../shared/with-settings';
import { withIndexesDeferred } from '../shared/with-indexes-deferred';
import { KEY_RESOLUTION_SETTINGS } from './planner-settings';

export interface ClaimFactsResult {
  readonly claimsInserted: number;
  /** Re-sent claims: changed in place, moved, or identical (see claimsUnchanged). */
  readonly claimsUpdated: number;
  /** Of claimsUpdated, re-sent claims identical to their fact row: not rewritten. */
  readonly claimsUnchanged: number;
  /** Distinct inferred dimension rows the batch's claims point at. */
  readonly inferredMembers: number;
  readonly inferredProviders: number;
  readonly inferredPlans: number;
  readonly partitionsCreated: number;
  /** YYYY-MM-01, ascending: months whose claims were inserted, updated or moved away. */
  readonly touchedMonths: readonly string[];
  /** Wall time of each step, for the log and the benchmark. */
  readonly stepSeconds: Readonly<Record<string, number>>;
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
    const stepSeconds: Record<string, number> = {};
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        stepSeconds[name] = Math.round(performance.now() - started) / 1000;
      }
    };

    await tx.execute(`DROP TABLE IF EXISTS pg_temp.fact_claim_batch`);
    // A first load (an empty fact) writes the claims without indexes, building them after.
    const [{ empty }] = await tx.query<{ empty: boolean }>(FACT_CLAIM_IS_EMPTY);
    await step('resolveKeys', async () => {
      // staging and dimensions were written earlier in this transaction: fresh statistics
      await tx.execute(ANALYZE_CLAIM_INPUTS);
      await withSettings(tx, KEY_RESOLUTION_SETTINGS, () =>
        tx.execute(createClaimBatch(!empty), [ctx.loadId]),
      );
      await tx.execute(`ANALYZE pg_temp.fact_claim_batch`);
    });
    const [summary] = await step('summarize', () =>
      tx.query<BatchSummary & Record<string, unknown>>(SUMMARIZE_CLAIM_BATCH),
    );
    if (summary.missing_members + summary.missing_providers + summary.missing_plans > 0) {
      const samples = await tx.query<{ claim_id: string; missing: string }>(UNRESOLVED_CLAIMS);
      throw new UnresolvedClaimKeysError(summary, samples);
    }

    let partitionsCreated = 0;
    let existing = 0;
    let moved = 0;
    let changed = 0;
    const months = new Set<string>();
    const first = summary.first_date;
    const last = summary.last_date;
    if (summary.claims > 0 && first && last) {
      partitionsCreated = await step('partitions', async () => {
        await tx.query(ENSURE_DATES, [yearOf(first), yearOf(last)]);
        const [partitions] = await tx.query<{ created: number }>(ENSURE_PARTITIONS, [first, last]);
        return partitions.created;
      });

      existing = (await step('markResent', () => tx.execute(MARK_RESENT_CLAIMS))).rowCount;
      const movedRows = await step('deleteMoved', () =>
        tx.query<{ month: string; moved: number }>(DELETE_MOVED_CLAIMS),
      );
      for (const row of movedRows) {
        moved += row.moved;
        months.add(row.month);
      }
      for (const row of await tx.query<{ month: string }>(NEW_CLAIM_MONTHS)) months.add(row.month);

      const changedRows = await step('update', () =>
        tx.query<{ month: string; changed: number }>(UPDATE_CHANGED_CLAIMS),
      );
      for (const row of changedRows) {
        changed += row.changed;
        months.add(row.month);
      }
      const insert = (): Promise<{ rowCount: number }> => tx.execute(INSERT_NEW_CLAIMS);
      const inserted = await step('insert', () =>
        empty ? withIndexesDeferred(tx, 'warehouse.fact_claim', insert) : insert(),
      );
      if (inserted.rowCount !== summary.claims - existing) {
        throw new Error(
          `fact_claim: inserted ${inserted.rowCount} of ${summary.claims - existing} new claims`,
        );
      }
    }
    await tx.execute(`DROP TABLE IF EXISTS pg_temp.fact_claim_batch`);

    const result: ClaimFactsResult = {
      // a moved claim is deleted and inserted again, but it is an update of a known claim
      claimsInserted: summary.claims - existing - moved,
      claimsUpdated: existing + moved,
      claimsUnchanged: existing - changed,
      inferredMembers: summary.inferred_members,
      inferredProviders: summary.inferred_providers,
      inferredPlans: summary.inferred_plans,
      partitionsCreated,
      touchedMonths: [...months].sort(),
      stepSeconds,
    };
    ctx.logger.info('claim facts loaded', {
      ...result,
      touchedMonths: result.touchedMonths.length,
      indexesDeferred: empty,
    });
    return result;
  }
}

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
