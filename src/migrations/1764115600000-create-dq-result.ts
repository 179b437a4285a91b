import { MigrationInterface, QueryRunner } from 'typeorm';
import { DQ_RESULT_DOC } from '../domain/data-dictionary';
import { commentStatements } from './support/comment-statements';

/**
 * Data-quality results, and the NPI check-digit function the checks use. etl.dq_result has
 * no foreign key to etl.load_batch: it is written by one statement per run, also for batches
 * whose transaction rolled back.
 */
export class CreateDqResult1764115600000 implements MigrationInterface {
  name = 'CreateDqResult1764115600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE etl.dq_result (
        dq_result_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        load_id        bigint,
        check_name     text        NOT NULL,
        check_kind     text        NOT NULL,
        table_name     text        NOT NULL,
        severity       text        NOT NULL CHECK (severity IN ('error', 'warn')),
        status         text        NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
        failing_count  bigint      NOT NULL CHECK (failing_count >= 0),
        sample_keys    jsonb       NOT NULL DEFAULT '[]'::jsonb,
        observed       jsonb,
        error_message  text,
        description    text        NOT NULL,
        checked_at     timestamptz NOT NULL DEFAULT now(),
        duration_ms    integer     NOT NULL
      )`);
    await q.query(`CREATE INDEX dq_result_load_check_idx ON etl.dq_result (load_id, check_name)`);
    await q.query(
      `CREATE INDEX dq_result_check_time_idx ON etl.dq_result (check_name, checked_at)`,
    );
    for (const sql of commentStatements(DQ_RESULT_DOC)) await q.query(sql);

    // NPI check digit: Luhn over '80840' || the ten digits (the issuer prefix of US health
    // identifiers), reading from the right with every second digit doubled. NPIs start with
    // 1 or 2. NULL in, NULL out (STRICT).
    await q.query(`
      CREATE FUNCTION etl.npi_is_valid(npi text)
      RETURNS boolean
      LANGUAGE sql
      IMMUTABLE STRICT PARALLEL SAFE
      AS $$
        SELECT CASE
                 WHEN npi !~ '^[12][0-9]{9}$' THEN false
                 ELSE (SELECT sum(CASE WHEN i % 2 = 0 THEN (2 * d) / 10 + (2 * d) % 10 ELSE d END) % 10 = 0
                         FROM (SELECT i, substr(reverse('80840' || npi), i, 1)::integer AS d
                                 FROM generate_series(1, 15) AS i) AS digits)
               END
      $$`);
    await q.query(
      `COMMENT ON FUNCTION etl.npi_is_valid(text) IS 'True when the text is a 10-digit NPI starting with 1 or 2 whose last digit is the Luhn check digit of 80840 followed by the first nine; NULL for NULL.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS etl.npi_is_valid(text)`);
    await q.query(`DROP TABLE IF EXISTS etl.dq_result`);
  }
}
