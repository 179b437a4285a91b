import { Logger } from '../../../src/application/ports/logger.port';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { BatchContext, LoadMode } from '../../../src/application/run-pipeline/batch-context';
import { SeedKind } from '../../../src/domain/seed-set/seed-set';

/** Staged rows and batch contexts for the fact loader suites (dimensions: fixtures/dimension-rows). */

const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silent,
};

export function batchContext(
  loadId: number,
  asOf: string,
  kind: SeedKind = 'incremental',
  mode: LoadMode = kind,
): BatchContext {
  const at = new Date(asOf.length === 10 ? `${asOf}T00:00:00Z` : asOf);
  return {
    loadId,
    mode,
    asOf: at,
    logger: silent,
    seedSet: { folder: `seed-${loadId}`, asOf: at, asOfSource: 'argument', kind, files: [] },
  };
}

export interface StagedClaim {
  readonly claimId: string;
  readonly memberId: string;
  readonly providerId?: string;
  readonly planId?: string;
  readonly serviceDate: string;
  readonly amount?: string;
  readonly paid?: string;
  readonly status?: 'approved' | 'denied' | 'pending';
  readonly claimType?: string;
}

/** Stages claims of one batch in file order (source_line 2, 3, …). */
export async function stageClaims(
  db: SqlSession,
  loadId: number,
  claims: readonly StagedClaim[],
): Promise<void> {
  for (const [i, c] of claims.entries()) {
    await db.execute(
      `INSERT INTO staging.claims (
         load_id, source_line, claim_id, member_id, provider_id, plan_id, service_date,
         claim_amount, allowed_amount, paid_amount, status, diagnosis_code, procedure_code,
         claim_type, is_oon)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, 'E11.9', '99213', $11, false)`,
      [
        loadId,
        i + 2,
        c.claimId,
        c.memberId,
        c.providerId ?? 'PRV1',
        c.planId ?? 'PLN1',
        c.serviceDate,
        c.amount ?? '100.00',
        c.paid ?? '80.00',
        c.status ?? 'approved',
        c.claimType ?? 'Professional',
      ],
    );
  }
}

export interface StagedSpan {
  readonly memberId: string;
  readonly planId: string;
  readonly startDate: string;
  readonly endDate?: string | null;
  readonly premiumPaid: string | number;
  readonly csrVariant?: string | null;
}

/** Stages enrollment spans of one batch (the recompute scope is their members). */
export async function stageSpans(
  db: SqlSession,
  loadId: number,
  spans: readonly StagedSpan[],
): Promise<void> {
  for (const [i, s] of spans.entries()) {
    await db.execute(
      `INSERT INTO staging.enrollments (
         load_id, source_line, member_id, plan_id, start_date, end_date, premium_paid, csr_variant)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        loadId,
        i + 2,
        s.memberId,
        s.planId,
        s.startDate,
        s.endDate ?? null,
        s.premiumPaid,
        s.csrVariant ?? null,
      ],
    );
  }
}
