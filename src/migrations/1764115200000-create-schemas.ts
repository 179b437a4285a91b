import { MigrationInterface, QueryRunner } from 'typeorm';

/** The four layers of the warehouse, one schema each. */
export class CreateSchemas1764115200000 implements MigrationInterface {
  name = 'CreateSchemas1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS staging`);
    await q.query(
      `COMMENT ON SCHEMA staging IS 'Seed CSVs loaded 1:1 into typed tables, one load batch at a time, with rejects.'`,
    );
    await q.query(`CREATE SCHEMA IF NOT EXISTS warehouse`);
    await q.query(
      `COMMENT ON SCHEMA warehouse IS 'Kimball star schema: conformed dimensions (SCD2) and facts.'`,
    );
    await q.query(`CREATE SCHEMA IF NOT EXISTS mart`);
    await q.query(
      `COMMENT ON SCHEMA mart IS 'Aggregates and the data cube for analysts (materialized views).'`,
    );
    await q.query(`CREATE SCHEMA IF NOT EXISTS etl`);
    await q.query(
      `COMMENT ON SCHEMA etl IS 'Pipeline bookkeeping: load batches and data-quality results.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA IF EXISTS etl CASCADE`);
    await q.query(`DROP SCHEMA IF EXISTS mart CASCADE`);
    await q.query(`DROP SCHEMA IF EXISTS warehouse CASCADE`);
    await q.query(`DROP SCHEMA IF EXISTS staging CASCADE`);
  }
}
