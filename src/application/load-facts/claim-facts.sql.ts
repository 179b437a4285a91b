import {
  MEMBER_VERSION_RANGES,
  PLAN_VERSION_RANGES,
  PROVIDER_VERSION_RANGES,
} from './version-ranges.sql';

/** Claim attributes and measures copied from staging.claims unchanged. */
const CLAIM_ATTRIBUTES = [
  'status',
  'diagnosis_code',
  'procedure_code',
  'claim_type',
  'major_service_category',
  'detailed_service_category',
  'provider_specialty',
  'channel',
  'ms_drg',
  'drug_class',
  'is_oon',
  'claim_amount',
  'allowed_amount',
  'paid_amount',
] as const;

/** Every column the loader writes into warehouse.fact_claim (created_at/updated_at default). */
const FACT_COLUMNS = [
  'claim_id',
  'member_id',
  'service_date',
  'date_key',
  'member_sk',
  'provider_sk',
  'plan_sk',
  ...CLAIM_ATTRIBUTES,
  'load_id',
] as const;

const PRIMARY_KEY = ['claim_id', 'member_id', 'service_date'];

/** Statistics on the columns the key resolution joins and filters on. */
export const ANALYZE_CLAIM_INPUTS = `
  ANALYZE staging.claims (load_id, claim_id, source_line, member_id, provider_id, plan_id),
          warehouse.dim_member (member_id),
          warehouse.dim_provider (provider_id),
          warehouse.dim_plan (plan_id, effective_year)`;

/**
 * The batch's claims, one per claim_id, with their point-in-time keys resolved, in a temporary
 * table (dropped at commit) that the following steps share. $1 load_id.
 * Keys stay NULL when a natural key has no dimension row at all; the service refuses those.
 * `inDateOrder`: stored in service-date order, so the writes into a fact with live indexes
 * reach one partition (and its indexes) at a time instead of all of them for every few rows.
 * A first load builds the indexes after the rows and skips the sort (8 s of a 2 GB external
 * sort at 8.4M claims).
 */
export function createClaimBatch(inDateOrder: boolean): string {
  return `
  CREATE TEMPORARY TABLE fact_claim_batch ON COMMIT DROP AS
  WITH staged AS (
    SELECT s.*
      FROM staging.claims s
     WHERE s.load_id = $1
       -- staging keeps every valid line: a claim repeated in the file keeps its last line
       AND NOT EXISTS (SELECT 1
                         FROM staging.claims later
                        WHERE later.load_id = s.load_id
                          AND later.claim_id = s.claim_id
                          AND later.source_line > s.source_line)
  ),
  claim AS (
    -- a service date is the instant it starts, in UTC, to compare with validity timestamps
    SELECT staged.*, (service_date::timestamp AT TIME ZONE 'UTC') AS service_ts
      FROM staged
  ),
  member_version AS (${MEMBER_VERSION_RANGES}
  ),
  provider_version AS (${PROVIDER_VERSION_RANGES}
  ),
  plan_version AS (${PLAN_VERSION_RANGES}
  )
  SELECT c.claim_id,
         c.member_id,
         c.service_date,
         (date_part('year', c.service_date) * 10000
          + date_part('month', c.service_date) * 100
          + date_part('day', c.service_date))::integer AS date_key,
         m.member_sk,
         pv.provider_sk,
         pl.plan_sk,
         ${CLAIM_ATTRIBUTES.map((a) => `c.${a}`).join(',\n         ')},
         c.load_id,
         c.provider_id,
         c.plan_id,
         m.is_inferred AS member_is_inferred,
         pv.is_inferred AS provider_is_inferred,
         pl.is_inferred AS plan_is_inferred,
         false AS in_fact
    FROM claim c
    LEFT JOIN member_version m
      ON m.member_id = c.member_id
     AND c.service_ts >= m.range_start AND c.service_ts < m.range_end
    LEFT JOIN provider_version pv
      ON pv.provider_id = c.provider_id
     AND c.service_ts >= pv.range_start AND c.service_ts < pv.range_end
    LEFT JOIN plan_version pl
      ON pl.plan_id = c.plan_id
     AND c.service_ts >= pl.range_start AND c.service_ts < pl.range_end
  ${inDateOrder ? 'ORDER BY c.service_date' : ''}`;
}

/** The batch table in service-date order (the form the benchmarks time). */
export const CREATE_CLAIM_BATCH = createClaimBatch(true);

/** One row of counts over the batch table. */
export const SUMMARIZE_CLAIM_BATCH = `
  SELECT count(*) AS claims,
         min(service_date) AS first_date,
         max(service_date) AS last_date,
         count(*) FILTER (WHERE member_sk IS NULL) AS missing_members,
         count(*) FILTER (WHERE provider_sk IS NULL) AS missing_providers,
         count(*) FILTER (WHERE plan_sk IS NULL) AS missing_plans,
         count(DISTINCT member_sk) FILTER (WHERE member_is_inferred) AS inferred_members,
         count(DISTINCT provider_sk) FILTER (WHERE provider_is_inferred) AS inferred_providers,
         count(DISTINCT plan_sk) FILTER (WHERE plan_is_inferred) AS inferred_plans
    FROM fact_claim_batch`;

/** Up to 5 claims whose natural key has no dimension row; ids only (no personal data). */
export const UNRESOLVED_CLAIMS = `
  SELECT claim_id,
         CASE WHEN member_sk IS NULL THEN 'member_id ' || member_id
              WHEN provider_sk IS NULL THEN 'provider_id ' || provider_id
              ELSE 'plan_id ' || plan_id
         END AS missing
    FROM fact_claim_batch
   WHERE member_sk IS NULL OR provider_sk IS NULL OR plan_sk IS NULL
   ORDER BY claim_id
   LIMIT 5`;

/** Months (YYYY-MM-01) of the batch's new (and moved) claims. */
export const NEW_CLAIM_MONTHS = `
  SELECT DISTINCT date_trunc('month', service_date::timestamp)::date AS month
    FROM fact_claim_batch
   WHERE NOT in_fact`;

/** Creates the monthly partitions the batch needs. $1 first, $2 last service date. */
export const ENSURE_PARTITIONS = `
  SELECT warehouse.ensure_fact_claim_partitions($1::date, $2::date) AS created`;

/** Keeps dim_date covering the batch's years so every date_key joins. $1, $2 years. */
export const ENSURE_DATES = `SELECT warehouse.populate_dim_date($1::integer, $2::integer) AS added`;

/** Marks the batch claims already in the fact under the same primary key (re-sent claims). */
export const MARK_RESENT_CLAIMS = `
  UPDATE fact_claim_batch b
     SET in_fact = true
    FROM warehouse.fact_claim f
   WHERE f.claim_id = b.claim_id
     AND f.member_id = b.member_id
     AND f.service_date = b.service_date`;

/**
 * A re-sent claim whose service_date or member_id changed lives under another primary key
 * (maybe another partition): delete the old row so the insert below puts it where it belongs.
 * Returns the old rows' months (their marts lose the claim) with how many moved from each.
 */
export const DELETE_MOVED_CLAIMS = `
  WITH moved AS (
    DELETE FROM warehouse.fact_claim f
     USING fact_claim_batch b
     WHERE f.claim_id = b.claim_id
       AND (f.member_id <> b.member_id OR f.service_date <> b.service_date)
    RETURNING f.service_date
  )
  SELECT date_trunc('month', service_date::timestamp)::date AS month, count(*) AS moved
    FROM moved
   GROUP BY 1`;

const NON_KEY_COLUMNS = FACT_COLUMNS.filter((c) => !PRIMARY_KEY.includes(c));
/** What a re-sent claim can change (load_id is bookkeeping, not content). */
const CONTENT_COLUMNS = NON_KEY_COLUMNS.filter((c) => c !== 'load_id');

/**
 * Re-sent claims whose content changed take the batch's status, amounts, keys and load_id in
 * place; identical re-sends (a full seed set repeats every claim) are not rewritten: a 1M-row
 * UPDATE of unchanged rows took ~100 s, every row a new tuple in every index. A bulk UPDATE
 * joined on the primary key, separate from the insert of new claims, which then needs no
 * ON CONFLICT arbiter (its per-row probe made the insert ~45 % slower at 1M claims).
 * Returns the months of the changed claims with their counts.
 */
export const UPDATE_CHANGED_CLAIMS = `
  WITH changed AS (
    UPDATE warehouse.fact_claim f
       SET ${NON_KEY_COLUMNS.map((c) => `${c} = b.${c}`).join(',\n           ')},
           updated_at = now()
      FROM fact_claim_batch b
     WHERE b.in_fact
       AND f.claim_id = b.claim_id
       AND f.member_id = b.member_id
       AND f.service_date = b.service_date
       AND (${CONTENT_COLUMNS.map((c) => `f.${c}`).join(', ')})
           IS DISTINCT FROM (${CONTENT_COLUMNS.map((c) => `b.${c}`).join(', ')})
    RETURNING f.service_date
  )
  SELECT date_trunc('month', service_date::timestamp)::date AS month, count(*) AS changed
    FROM changed
   GROUP BY 1`;

/** A first load (or one after --reset): the claims go into an empty table. */
export const FACT_CLAIM_IS_EMPTY = `
  SELECT NOT EXISTS (SELECT 1 FROM warehouse.fact_claim) AS empty`;

/**
 * New claims, and moved ones under their new primary key. Read in the batch table's physical
 * order, which is service-date order (its rows are written sorted and the new ones are never
 * updated): one partition's indexes at a time stay in cache, which more than halved the insert
 * at 1M claims arriving in random date order (docs/facts.md). No ORDER BY: a second sort of the
 * whole batch would cost more than it could gain. On a first load the batch table is not sorted
 * (its indexes are built after the rows, so the order does not matter).
 */
export const INSERT_NEW_CLAIMS = `
  INSERT INTO warehouse.fact_claim (${FACT_COLUMNS.join(', ')})
  SELECT ${FACT_COLUMNS.join(', ')}
    FROM fact_claim_batch
   WHERE NOT in_fact`;
