import { MigrationInterface, QueryRunner } from 'typeorm';
import { FACT_CLAIM_DOC, FACT_ENROLLMENT_DOC } from '../domain/data-dictionary';
import { commentStatements } from './support/comment-statements';

/**
 * The two facts. fact_claim is range-partitioned by service_date per month; its primary key
 * carries the partition column and member_id (the Citus distribution column), so a claim's
 * uniqueness across partitions is kept by the loader (it moves a claim whose service date or
 * member changed). Dimension keys are indexed but not declared as foreign keys: the loader
 * resolves every key (the dimension loader creates inferred rows first) and RI triggers would
 * cost a per-row check on every insert.
 */
export class CreateFacts1764115500000 implements MigrationInterface {
  name = 'CreateFacts1764115500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE warehouse.fact_claim (
        claim_id                   text          NOT NULL,
        member_id                  text          NOT NULL,
        service_date               date          NOT NULL,
        date_key                   integer       NOT NULL,
        member_sk                  bigint        NOT NULL,
        provider_sk                bigint        NOT NULL,
        plan_sk                    bigint        NOT NULL,
        status                     text          NOT NULL,
        diagnosis_code             text          NOT NULL,
        procedure_code             text          NOT NULL,
        claim_type                 text,
        major_service_category     text,
        detailed_service_category  text,
        provider_specialty         text,
        channel                    text,
        ms_drg                     text,
        drug_class                 text,
        is_oon                     boolean,
        claim_amount               numeric(14,2) NOT NULL,
        allowed_amount             numeric(14,2) NOT NULL,
        paid_amount                numeric(14,2) NOT NULL,
        load_id                    bigint        NOT NULL,
        created_at                 timestamptz   NOT NULL DEFAULT now(),
        updated_at                 timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_id, member_id, service_date)
      ) PARTITION BY RANGE (service_date)`);
    // Catches rows of months without a partition; stays empty in normal loads (a data-quality
    // check watches it) because the loader creates the months it needs first.
    await q.query(
      `CREATE TABLE warehouse.fact_claim_default PARTITION OF warehouse.fact_claim DEFAULT`,
    );
    await q.query(
      `COMMENT ON TABLE warehouse.fact_claim_default IS 'Default partition of warehouse.fact_claim: rows whose month has no partition; empty in normal loads.'`,
    );
    // Partitioned indexes (each partition gets its own copy) on the dimension keys. Measured at
    // 1M claims (docs/facts.md): no index on member_id (not a key; it would add ~50 % to the
    // insert) and no BRIN on service_date (monthly partitions plus date_key already prune).
    for (const column of ['date_key', 'member_sk', 'provider_sk', 'plan_sk']) {
      await q.query(`CREATE INDEX fact_claim_${column}_idx ON warehouse.fact_claim (${column})`);
    }

    // Creates the monthly partitions of [first_month, last_month] that are missing, returns how
    // many. Rows already caught by the default partition for such a month are moved into it
    // (a plain PARTITION OF would fail on them).
    await q.query(`
      CREATE FUNCTION warehouse.ensure_fact_claim_partitions(first_month date, last_month date)
      RETURNS integer
      LANGUAGE plpgsql
      AS $$
      DECLARE
        month_start date;
        month_end   date;
        part        text;
        created     integer := 0;
      BEGIN
        IF first_month IS NULL OR last_month IS NULL THEN
          RETURN 0;
        END IF;
        FOR month_start IN
          SELECT m::date
            FROM generate_series(date_trunc('month', first_month),
                                 date_trunc('month', last_month),
                                 interval '1 month') AS m
        LOOP
          part := 'fact_claim_' || to_char(month_start, 'YYYYMM');
          CONTINUE WHEN to_regclass('warehouse.' || part) IS NOT NULL;
          month_end := (month_start + interval '1 month')::date;
          IF EXISTS (SELECT 1
                       FROM warehouse.fact_claim_default
                      WHERE service_date >= month_start AND service_date < month_end) THEN
            EXECUTE format('CREATE TABLE warehouse.%I (LIKE warehouse.fact_claim INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
            EXECUTE format(
              'WITH moved AS (DELETE FROM warehouse.fact_claim_default
                               WHERE service_date >= $1 AND service_date < $2
                              RETURNING *)
               INSERT INTO warehouse.%I SELECT * FROM moved', part)
              USING month_start, month_end;
            EXECUTE format('ALTER TABLE warehouse.fact_claim ATTACH PARTITION warehouse.%I FOR VALUES FROM (%L) TO (%L)',
                           part, month_start, month_end);
          ELSE
            EXECUTE format('CREATE TABLE warehouse.%I PARTITION OF warehouse.fact_claim FOR VALUES FROM (%L) TO (%L)',
                           part, month_start, month_end);
          END IF;
          EXECUTE format('COMMENT ON TABLE warehouse.%I IS %L', part,
                         'Monthly partition of warehouse.fact_claim: service dates of ' || to_char(month_start, 'YYYY-MM') || '.');
          created := created + 1;
        END LOOP;
        RETURN created;
      END
      $$`);

    // Member months of the covered days [first_day, last_day]: for each calendar month touched,
    // covered days / days in that month, summed (0 when last_day < first_day). Inlined by the
    // planner (a single-SELECT SQL function), so it costs no per-call overhead.
    await q.query(`
      CREATE FUNCTION warehouse.member_months(first_day date, last_day date)
      RETURNS numeric
      LANGUAGE sql
      IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(sum(
                 (least(last_day, (m + interval '1 month')::date - 1) - greatest(first_day, m::date) + 1)::numeric
                 / ((m + interval '1 month')::date - m::date)
               ), 0)
          FROM generate_series(date_trunc('month', first_day::timestamp),
                               date_trunc('month', last_day::timestamp),
                               interval '1 month') AS m
      $$`);
    await q.query(
      `COMMENT ON FUNCTION warehouse.member_months(date, date) IS 'Member months of the covered days first_day..last_day (inclusive): per calendar month, covered days / days in the month, summed; 0 when last_day < first_day.'`,
    );
    await q.query(
      `COMMENT ON FUNCTION warehouse.ensure_fact_claim_partitions(date, date) IS 'Creates the missing monthly partitions fact_claim_YYYYMM of warehouse.fact_claim for first_month..last_month (moving rows the default partition caught for them) and returns how many it created.'`,
    );

    // Half-empty pages: every incremental batch moves the day counts of all open periods to
    // the new as_of, and with room on the page those updates are HOT (no indexed column
    // changes). Measured at 1M open periods: 4 s instead of 17-22 s, and 309 MB instead of
    // 516 MB after two refreshes (docs/facts.md).
    await q.query(`
      CREATE TABLE warehouse.fact_enrollment (
        member_id                  text          NOT NULL,
        plan_id                    text          NOT NULL,
        start_date                 date          NOT NULL,
        end_date                   date,
        member_sk                  bigint        NOT NULL,
        plan_sk                    bigint        NOT NULL,
        enrollment_start_date_key  integer       NOT NULL,
        enrollment_end_date_key    integer,
        coverage_days              integer       NOT NULL CHECK (coverage_days >= 0),
        member_months              numeric(8,2)  NOT NULL CHECK (member_months >= 0),
        premium_paid               numeric(14,2) NOT NULL,
        csr_variant                text,
        span_count                 integer       NOT NULL CHECK (span_count >= 1),
        load_id                    bigint        NOT NULL,
        PRIMARY KEY (member_id, plan_id, start_date),
        CHECK (end_date IS NULL OR end_date >= start_date)
      ) WITH (fillfactor = 50)`);
    for (const column of [
      'member_sk',
      'plan_sk',
      'enrollment_start_date_key',
      'enrollment_end_date_key',
    ]) {
      await q.query(
        `CREATE INDEX fact_enrollment_${column}_idx ON warehouse.fact_enrollment (${column})`,
      );
    }

    for (const doc of [FACT_CLAIM_DOC, FACT_ENROLLMENT_DOC]) {
      for (const sql of commentStatements(doc)) await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS warehouse.fact_enrollment`);
    await q.query(`DROP FUNCTION IF EXISTS warehouse.member_months(date, date)`);
    await q.query(`DROP FUNCTION IF EXISTS warehouse.ensure_fact_claim_partitions(date, date)`);
    await q.query(`DROP TABLE IF EXISTS warehouse.fact_claim`);
  }
}
