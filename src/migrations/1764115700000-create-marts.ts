import { MigrationInterface, QueryRunner } from 'typeorm';
import { groupingId } from '../domain/cube';
import { MART_TABLE_DOCS } from '../domain/data-dictionary';
import { commentStatements } from './support/comment-statements';

const METAL_MONTH = groupingId(['month', 'metal_tier']);
const SPECIALTY_MONTH = groupingId(['month', 'specialty']);
const MONTH = groupingId(['month']);
const PLAN_MONTH = groupingId(['month', 'plan_id']);
const PMPM_SETS = [
  groupingId(['month']),
  groupingId(['month', 'metal_tier']),
  groupingId(['month', 'state']),
  groupingId(['month', 'age_group']),
  groupingId(['month', 'clinical_segment']),
  groupingId(['month', 'metal_tier', 'state', 'age_group', 'clinical_segment']),
];

/**
 * The mart schema. The three large aggregates (claims per member-day, the cube with its two
 * base tables, the rolling 12-month high-cost window) are plain tables that the refresh step
 * maintains month by month, since a full recomputation per batch costs more than the rest of
 * the pipeline; the small analyst views are materialized views over the cube, each with a
 * unique index so the refresh step can run REFRESH … CONCURRENTLY. NULLS NOT DISTINCT (PG 15)
 * lets a NULL coordinate (an unknown metal tier, say) take part in those unique keys.
 */
export class CreateMarts1764115700000 implements MigrationInterface {
  name = 'CreateMarts1764115700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mart.settings (
        name        text        PRIMARY KEY,
        value       numeric     NOT NULL,
        description text        NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // The default of config HIGH_COST_THRESHOLD; the refresh step writes the configured value.
    await q.query(`
      INSERT INTO mart.settings (name, value, description)
      VALUES ('high_cost_threshold', 50000,
              'Rolling 12-month paid (USD) above which a member is flagged high cost (config HIGH_COST_THRESHOLD).')`);

    await q.query(`
      CREATE TABLE mart.claims_daily_member (
        member_id       text    NOT NULL,
        service_date    date    NOT NULL,
        month           date    NOT NULL,
        claim_count     bigint  NOT NULL,
        billed_amount   numeric NOT NULL,
        allowed_amount  numeric NOT NULL,
        paid_amount     numeric NOT NULL,
        PRIMARY KEY (member_id, service_date)
      )`);
    await q.query(
      `CREATE INDEX claims_daily_member_service_date_idx ON mart.claims_daily_member (service_date)`,
    );

    await q.query(`
      CREATE TABLE mart.cube_claims_base (
        month             date    NOT NULL,
        member_id         text    NOT NULL,
        plan_id           text,
        metal_tier        text,
        state             text,
        age_group         text,
        clinical_segment  text,
        specialty         text,
        claim_type        text,
        claims            bigint  NOT NULL,
        denied_claims     bigint  NOT NULL,
        billed            numeric NOT NULL,
        allowed           numeric NOT NULL,
        paid              numeric NOT NULL
      )`);
    await q.query(`
      CREATE UNIQUE INDEX cube_claims_base_cell_uq ON mart.cube_claims_base (
        month, member_id, plan_id, metal_tier, state, age_group, clinical_segment, specialty, claim_type
      ) NULLS NOT DISTINCT`);

    await q.query(`
      CREATE TABLE mart.cube_coverage_base (
        member_id         text    NOT NULL,
        start_date        date    NOT NULL,
        month             date    NOT NULL,
        plan_id           text    NOT NULL,
        metal_tier        text,
        state             text,
        age_group         text,
        clinical_segment  text,
        member_months     numeric(16,10) NOT NULL,
        premium           numeric(20,10) NOT NULL,
        PRIMARY KEY (member_id, plan_id, start_date, month)
      )`);
    await q.query(`CREATE INDEX cube_coverage_base_month_idx ON mart.cube_coverage_base (month)`);

    await q.query(`
      CREATE TABLE mart.claims_cube (
        grouping_id       integer NOT NULL,
        month             date    NOT NULL,
        plan_id           text,
        metal_tier        text,
        state             text,
        age_group         text,
        clinical_segment  text,
        specialty         text,
        claim_type        text,
        claims            bigint  NOT NULL,
        denied_claims     bigint  NOT NULL,
        billed            numeric NOT NULL,
        allowed           numeric NOT NULL,
        paid              numeric NOT NULL,
        members           bigint  NOT NULL,
        member_months     numeric,
        premium           numeric
      )`);
    await q.query(`
      CREATE UNIQUE INDEX claims_cube_cell_uq ON mart.claims_cube (
        grouping_id, month, metal_tier, state, age_group, clinical_segment, plan_id, specialty, claim_type
      ) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX claims_cube_month_idx ON mart.claims_cube (month)`);

    await q.query(`
      CREATE TABLE mart.high_cost_member_month (
        member_id           text    NOT NULL,
        month               date    NOT NULL,
        rolling_12m_paid    numeric NOT NULL,
        rolling_12m_claims  bigint  NOT NULL,
        month_paid          numeric NOT NULL,
        PRIMARY KEY (member_id, month)
      )`);
    await q.query(
      `CREATE INDEX high_cost_member_month_month_idx ON mart.high_cost_member_month (month)`,
    );

    // Rank and flag are computed when read: a new threshold needs no refresh, and a filter on
    // month is pushed below the window (month is its partition), so one month ranks quickly.
    await q.query(`
      CREATE VIEW mart.high_cost_member_tracking AS
      SELECT h.member_id,
             h.month,
             h.rolling_12m_paid,
             h.rolling_12m_claims,
             h.month_paid,
             rank() OVER (PARTITION BY h.month ORDER BY h.rolling_12m_paid DESC) AS paid_rank,
             s.value AS high_cost_threshold,
             h.rolling_12m_paid > s.value AS is_high_cost
        FROM mart.high_cost_member_month h
        LEFT JOIN mart.settings s ON s.name = 'high_cost_threshold'`);

    await q.query(`
      CREATE MATERIALIZED VIEW mart.claims_by_plan_metal_month AS
      SELECT metal_tier,
             month,
             claims        AS claim_count,
             members       AS members_with_claims,
             billed        AS billed_amount,
             allowed       AS allowed_amount,
             paid          AS paid_amount,
             denied_claims AS denied_count,
             round(denied_claims::numeric / nullif(claims, 0), 4) AS denial_rate
        FROM mart.claims_cube
       WHERE grouping_id = ${METAL_MONTH}
         AND claims > 0`);
    await q.query(`
      CREATE UNIQUE INDEX claims_by_plan_metal_month_uq
          ON mart.claims_by_plan_metal_month (metal_tier, month) NULLS NOT DISTINCT`);

    await q.query(`
      CREATE MATERIALIZED VIEW mart.utilization_by_specialty AS
      WITH covered AS (
        SELECT month, member_months
          FROM mart.claims_cube
         WHERE grouping_id = ${MONTH}
      )
      SELECT s.specialty,
             s.month,
             s.claims  AS claim_count,
             s.members AS distinct_members,
             s.paid    AS paid_amount,
             round(c.member_months, 2) AS member_months,
             round(s.claims * 1000 / nullif(c.member_months, 0), 2) AS claims_per_1000_member_months
        FROM mart.claims_cube s
        LEFT JOIN covered c ON c.month = s.month
       WHERE s.grouping_id = ${SPECIALTY_MONTH}`);
    await q.query(`
      CREATE UNIQUE INDEX utilization_by_specialty_uq
          ON mart.utilization_by_specialty (specialty, month) NULLS NOT DISTINCT`);

    // The prior-year cell is the row of the same partition exactly twelve months earlier: a
    // RANGE frame of one point, so gaps in the months never shift the comparison.
    await q.query(`
      CREATE MATERIALIZED VIEW mart.pmpm AS
      WITH cells AS (
        SELECT grouping_id, month, metal_tier, state, age_group, clinical_segment,
               member_months,
               paid AS paid_amount,
               round(paid / nullif(member_months, 0), 2) AS pmpm
          FROM mart.claims_cube
         WHERE grouping_id IN (${PMPM_SETS.join(', ')})
      ),
      trended AS (
        SELECT cells.*,
               first_value(pmpm) OVER prior_year AS pmpm_prior_year
          FROM cells
        WINDOW prior_year AS (
          PARTITION BY grouping_id, metal_tier, state, age_group, clinical_segment
          ORDER BY month
          RANGE BETWEEN interval '12 months' PRECEDING AND interval '12 months' PRECEDING
        )
      )
      SELECT grouping_id, month, metal_tier, state, age_group, clinical_segment,
             member_months, paid_amount, pmpm, pmpm_prior_year,
             round(pmpm / nullif(pmpm_prior_year, 0) - 1, 4) AS pmpm_yoy_change
        FROM trended`);
    await q.query(`
      CREATE UNIQUE INDEX pmpm_uq
          ON mart.pmpm (grouping_id, month, metal_tier, state, age_group, clinical_segment) NULLS NOT DISTINCT`);

    await q.query(`
      CREATE MATERIALIZED VIEW mart.medical_loss_ratio AS
      WITH by_year AS (
        SELECT plan_id,
               extract(year FROM month)::integer AS year,
               sum(member_months) AS member_months,
               round(sum(premium), 2) AS premium,
               sum(paid) AS paid_amount
          FROM mart.claims_cube
         WHERE grouping_id = ${PLAN_MONTH}
         GROUP BY plan_id, extract(year FROM month)
      )
      SELECT y.plan_id,
             y.year,
             p.metal_tier,
             round(y.member_months, 2) AS member_months,
             y.premium,
             y.paid_amount,
             round(y.paid_amount / nullif(y.premium, 0), 4) AS mlr,
             CASE WHEN y.premium > 0 THEN y.paid_amount / y.premium >= 0.80 END AS meets_80_percent_rule
        FROM by_year y
        LEFT JOIN warehouse.dim_plan p
          ON p.plan_id = y.plan_id AND p.effective_year = y.year AND p.current_flag`);
    await q.query(`
      CREATE UNIQUE INDEX medical_loss_ratio_uq
          ON mart.medical_loss_ratio (plan_id, year) NULLS NOT DISTINCT`);

    for (const doc of MART_TABLE_DOCS) {
      for (const sql of commentStatements(doc)) await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP MATERIALIZED VIEW IF EXISTS mart.medical_loss_ratio`);
    await q.query(`DROP MATERIALIZED VIEW IF EXISTS mart.pmpm`);
    await q.query(`DROP MATERIALIZED VIEW IF EXISTS mart.utilization_by_specialty`);
    await q.query(`DROP MATERIALIZED VIEW IF EXISTS mart.claims_by_plan_metal_month`);
    await q.query(`DROP VIEW IF EXISTS mart.high_cost_member_tracking`);
    await q.query(`DROP TABLE IF EXISTS mart.high_cost_member_month`);
    await q.query(`DROP TABLE IF EXISTS mart.claims_cube`);
    await q.query(`DROP TABLE IF EXISTS mart.cube_coverage_base`);
    await q.query(`DROP TABLE IF EXISTS mart.cube_claims_base`);
    await q.query(`DROP TABLE IF EXISTS mart.claims_daily_member`);
    await q.query(`DROP TABLE IF EXISTS mart.settings`);
  }
}
