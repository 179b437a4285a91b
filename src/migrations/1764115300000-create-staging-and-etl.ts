import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  LOAD_BATCH_DOC,
  STAGING_META_COLUMNS,
  STAGING_REJECTS_DOC,
  STAGING_TABLE_DOCS,
} from '../domain/data-dictionary';
import { SEED_FILES, sqlTypeOf } from '../domain/seed-contract';
import { commentStatements } from './support/comment-statements';

/**
 * Staging tables are generated from the seed-set contract (one typed column per contract
 * column), so the contract, the tables and the data dictionary cannot drift apart.
 * They are UNLOGGED: they hold only the latest batch and a crash redoes that batch anyway.
 */
export class CreateStagingAndEtl1764115300000 implements MigrationInterface {
  name = 'CreateStagingAndEtl1764115300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE etl.load_batch (
        load_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        load_timestamp  timestamptz NOT NULL DEFAULT now(),
        as_of           timestamptz NOT NULL,
        mode            text        NOT NULL CHECK (mode IN ('full', 'incremental')),
        seed_kind       text        NOT NULL CHECK (seed_kind IN ('full', 'incremental')),
        source          text        NOT NULL,
        files           jsonb       NOT NULL DEFAULT '{}'::jsonb,
        stages          jsonb       NOT NULL DEFAULT '{}'::jsonb,
        status          text        NOT NULL DEFAULT 'running'
                                    CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
        error           text,
        finished_at     timestamptz
      )`);
    await q.query(`CREATE INDEX load_batch_status_as_of_idx ON etl.load_batch (status, as_of)`);

    for (const spec of SEED_FILES) {
      const columns = [
        ...STAGING_META_COLUMNS.map(
          (c) => `${c.name} ${c.type}${c.name === 'extra' ? '' : ' NOT NULL'}`,
        ),
        ...spec.columns.map((c) => `${c.name} ${sqlTypeOf(c)}${c.required ? ' NOT NULL' : ''}`),
      ];
      await q.query(
        `CREATE UNLOGGED TABLE staging.${spec.entity} (\n  ${columns.join(',\n  ')}\n)`,
      );
    }

    await q.query(`
      CREATE UNLOGGED TABLE staging.rejects (
        reject_id    bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        load_id      bigint  NOT NULL,
        file         text    NOT NULL,
        line         integer NOT NULL,
        column_name  text,
        reason       text    NOT NULL,
        raw_text     text
      )`);
    await q.query(
      `CREATE INDEX rejects_load_file_line_idx ON staging.rejects (load_id, file, line)`,
    );

    for (const doc of [LOAD_BATCH_DOC, ...STAGING_TABLE_DOCS, STAGING_REJECTS_DOC]) {
      for (const sql of commentStatements(doc)) await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS staging.rejects`);
    for (const spec of [...SEED_FILES].reverse())
      await q.query(`DROP TABLE IF EXISTS staging.${spec.entity}`);
    await q.query(`DROP TABLE IF EXISTS etl.load_batch`);
  }
}
