/**
 * The claim-side tables maintained by month: each statement works on the service dates of
 * [$1, $2) so a batch rewrites only the months it touched (a full rebuild passes
 * -infinity … infinity). Filtering on service_date lets PostgreSQL prune fact_claim partitions.
 */

export const DELETE_CLAIMS_DAILY_MEMBER = `
  DELETE FROM mart.claims_daily_member
   WHERE service_date >= $1::date AND service_date < $2::date`;

export const INSERT_CLAIMS_DAILY_MEMBER = `
  INSERT INTO mart.claims_daily_member (
    member_id, service_date, month, claim_count, billed_amount, allowed_amount, paid_amount
  )
  SELECT f.member_id,
         f.service_date,
         date_trunc('month', f.service_date)::date,
         count(*),
         sum(f.claim_amount),
         sum(f.allowed_amount),
         sum(f.paid_amount)
    FROM warehouse.fact_claim f
   WHERE f.service_date >= $1::date AND f.service_date < $2::date
   GROUP BY f.member_id, f.service_date`;

export const DELETE_CUBE_CLAIMS_BASE = `
  DELETE FROM mart.cube_claims_base
   WHERE month >= $1::date AND month < $2::date`;

/**
 * One row per month, member and cube coordinate. Attributes come from the versions the fact
 * points at (in force on the service date). LEFT JOINs keep every claim even if a key did not
 * resolve, so the cube always sums to the fact. Specialty: the provider version's, else the
 * specialty billed on the claim (an inferred provider has none yet).
 */
export const INSERT_CUBE_CLAIMS_BASE = `
  INSERT INTO mart.cube_claims_base (
    month, member_id, plan_id, metal_tier, state, age_group, clinical_segment, specialty,
    claim_type, claims, denied_claims, billed, allowed, paid
  )
  SELECT date_trunc('month', f.service_date)::date AS month,
         f.member_id,
         p.plan_id,
         p.metal_tier,
         m.state,
         m.age_group,
         m.clinical_segment,
         coalesce(pr.specialty, f.provider_specialty) AS specialty,
         f.claim_type,
         count(*),
         count(*) FILTER (WHERE f.status = 'denied'),
         sum(f.claim_amount),
         sum(f.allowed_amount),
         sum(f.paid_amount)
    FROM warehouse.fact_claim f
    LEFT JOIN warehouse.dim_member m
      ON m.member_id = f.member_id AND m.member_sk = f.member_sk
    LEFT JOIN warehouse.dim_plan p ON p.plan_sk = f.plan_sk
    LEFT JOIN warehouse.dim_provider pr ON pr.provider_sk = f.provider_sk
   WHERE f.service_date >= $1::date AND f.service_date < $2::date
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
