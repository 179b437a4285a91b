import { expect } from 'chai';
import { compileCheck } from '../../../src/application/check-quality/compile-check';
import { CompileScope } from '../../../src/application/check-quality/sql/compiled-check';
import { QualityCheck } from '../../../src/domain/data-quality/quality-check';
import {
  InvalidCheckError,
  parseTableName,
  quoteIdentifier,
  quoteTable,
} from '../../../src/domain/data-quality/sql-identifier';

const scope: CompileScope = { loadId: 12, asOf: null, sampleSize: 5 };

const notNull: QualityCheck = {
  name: 'claim_keys_not_null',
  table: 'warehouse.fact_claim',
  kind: 'not_null',
  severity: 'error',
  params: { columns: ['member_sk', 'paid_amount'], keyColumns: ['claim_id'] },
  description: 'test',
};

/** The statement with runs of whitespace collapsed, for shape assertions. */
function flat(sql: string): string {
  return sql.replace(/\s+/g, ' ');
}

describe('data-quality SQL compiler', () => {
  describe('identifiers', () => {
    it('quotes valid snake_case identifiers and schema-qualified tables', () => {
      expect(quoteIdentifier('member_sk')).to.equal('"member_sk"');
      expect(quoteIdentifier('_x9')).to.equal('"_x9"');
      expect(quoteTable('warehouse.dim_member')).to.equal('"warehouse"."dim_member"');
      expect(parseTableName('etl.load_batch')).to.deep.equal({
        schema: 'etl',
        table: 'load_batch',
      });
    });

    for (const bad of ['Member', 'member id', 'a"b', 'x;drop', '9lives', '', 'a-b', 'é']) {
      it(`refuses the identifier ${JSON.stringify(bad)}`, () => {
        expect(() => quoteIdentifier(bad)).to.throw(
          InvalidCheckError,
          `'${bad}' is not a valid identifier (expected ^[a-z_][a-z0-9_]*$)`,
        );
      });
    }

    for (const bad of ['dim_member', 'a.b.c', 'warehouse."x"', 'Warehouse.dim', 'a.']) {
      it(`refuses the table name ${JSON.stringify(bad)}`, () => {
        expect(() => quoteTable(bad)).to.throw(InvalidCheckError, 'is not a valid table name');
      });
    }

    it('validates every identifier of a check before building SQL', () => {
      const cases: Array<[QualityCheck, string]> = [
        [{ ...notNull, table: 'warehouse.fact_claim; DROP TABLE x' }, 'is not a valid table name'],
        [
          { ...notNull, params: { ...notNull.params, columns: ['paid_amount" OR 1=1 --'] } },
          `params.columns[0] 'paid_amount" OR 1=1 --' is not a valid identifier`,
        ],
        [
          { ...notNull, params: { ...notNull.params, keyColumns: ['Claim_Id'] } },
          `params.keyColumns[0] 'Claim_Id' is not a valid identifier`,
        ],
        [
          {
            name: 'rel',
            table: 'warehouse.fact_claim',
            kind: 'relationships',
            severity: 'error',
            params: {
              columns: ['member_sk'],
              to: { table: 'warehouse.dim_member x', columns: ['member_sk'] },
              keyColumns: ['claim_id'],
            },
            description: 'test',
          },
          `'warehouse.dim_member x' is not a valid table name`,
        ],
        [{ ...notNull, name: 'Bad Name' }, `check name 'Bad Name' must match`],
        [
          { ...notNull, params: { ...notNull.params, keyColumns: ['problems'] } },
          `'problems' is a column name the check runner reserves`,
        ],
      ];
      for (const [check, message] of cases) {
        expect(() => compileCheck(check, scope), message).to.throw(InvalidCheckError, message);
      }
    });

    it('refuses to sample a column the data dictionary marks as personal', () => {
      const check: QualityCheck = {
        ...notNull,
        table: 'warehouse.dim_member',
        params: { columns: ['member_sk'], keyColumns: ['member_id', 'email'] },
      };
      expect(() => compileCheck(check, scope)).to.throw(
        InvalidCheckError,
        'email of warehouse.dim_member is personal data and cannot be sampled',
      );
      const values: QualityCheck = {
        name: 'dob_values',
        table: 'staging.members',
        kind: 'accepted_values',
        severity: 'warn',
        params: { column: 'dob', values: ['2000-01-01'], keyColumns: ['member_id'] },
        description: 'test',
      };
      expect(() => compileCheck(values, scope)).to.throw(
        InvalidCheckError,
        'dob of staging.members',
      );
    });

    it('refuses fragments that could end the statement or comment out the rest', () => {
      for (const where of ['t.a = 1; DELETE FROM x', 't.a = 1 -- x', 't.a /* x */ = 1', ' ']) {
        const check: QualityCheck = { ...notNull, params: { ...notNull.params, where } };
        expect(() => compileCheck(check, scope)).to.throw(
          InvalidCheckError,
          'single SQL expression',
        );
      }
    });
  });

  describe('query shape', () => {
    it('builds one statement: failing CTE, sample CTE, count + sample + observed', () => {
      const { sql, params } = compileCheck(notNull, scope);
      const text = flat(sql);
      expect(sql.startsWith('WITH failing AS (')).to.equal(true);
      expect(sql).not.to.include(';');
      expect(text).to.include('FROM "warehouse"."fact_claim" AS t');
      expect(text).to.include('WHERE (t."member_sk" IS NULL OR t."paid_amount" IS NULL)');
      expect(text).to.include(
        'sample AS ( SELECT f."claim_id", f."null_columns" FROM failing AS f ORDER BY f."claim_id" LIMIT $1::integer )',
      );
      expect(text).to.include('SELECT (SELECT count(*) FROM failing) AS failing_count,');
      expect(text).to.include(
        `jsonb_agg(jsonb_build_object('claim_id', s."claim_id", 'null_columns', s."null_columns") ORDER BY s."claim_id")`,
      );
      expect(text).to.match(/AS sample_keys, .* AS observed$/);
      expect(params).to.deep.equal([5]);
    });

    it('passes accepted values as a text[] parameter, never in the SQL text', () => {
      const check: QualityCheck = {
        name: 'state_known',
        table: 'warehouse.dim_member',
        kind: 'accepted_values',
        severity: 'warn',
        params: {
          column: 'state',
          values: ["CA'); DROP TABLE x; --", 'TX'],
          keyColumns: ['member_id'],
          where: 't.current_flag',
        },
        description: 'test',
      };
      const { sql, params } = compileCheck(check, scope);
      expect(sql).not.to.include('DROP');
      expect(flat(sql)).to.include(
        'WHERE (t.current_flag) AND t."state" IS NOT NULL AND NOT (t."state"::text = ANY ($1::text[]))',
      );
      expect(params).to.deep.equal([["CA'); DROP TABLE x; --", 'TX'], 5]);
    });

    it('compares multi-column relationships column by column', () => {
      const check: QualityCheck = {
        name: 'claim_member_resolves',
        table: 'warehouse.fact_claim',
        kind: 'relationships',
        severity: 'error',
        params: {
          columns: ['member_id', 'member_sk'],
          to: { table: 'warehouse.dim_member', columns: ['member_id', 'member_sk'] },
          keyColumns: ['claim_id'],
        },
        description: 'test',
      };
      const text = flat(compileCheck(check, scope).sql);
      expect(text).to.include('SELECT t."claim_id", t."member_id", t."member_sk"');
      expect(text).to.include(
        'NOT EXISTS (SELECT 1 FROM "warehouse"."dim_member" AS r WHERE r."member_id" = t."member_id" AND r."member_sk" = t."member_sk")',
      );
    });

    it('groups unique keys and keeps NULL keys out', () => {
      const check: QualityCheck = {
        name: 'plan_nk_unique',
        table: 'warehouse.dim_plan',
        kind: 'unique',
        severity: 'error',
        params: { columns: ['plan_id', 'effective_year'], where: 't.current_flag' },
        description: 'test',
      };
      const text = flat(compileCheck(check, scope).sql);
      expect(text).to.include(
        'WHERE (t.current_flag) AND t."plan_id" IS NOT NULL AND t."effective_year" IS NOT NULL OFFSET 0) AS t GROUP BY t."plan_id", t."effective_year" HAVING count(*) > 1',
      );
    });

    it('binds row_count bounds and samples only above the maximum', () => {
      const check: QualityCheck = {
        name: 'default_empty',
        table: 'warehouse.fact_claim_default',
        kind: 'row_count',
        severity: 'warn',
        params: { max: 0, keyColumns: ['claim_id'] },
        description: 'test',
      };
      const { sql, params } = compileCheck(check, scope);
      expect(flat(sql)).to.include(
        'SELECT CASE WHEN c.row_count < $1::bigint THEN $1::bigint - c.row_count WHEN c.row_count > $2::bigint THEN c.row_count - $2::bigint ELSE 0 END AS failing_count',
      );
      expect(params).to.deep.equal([null, 0, 5]);
      expect(() =>
        compileCheck({ ...check, params: { keyColumns: ['claim_id'] } }, scope),
      ).to.throw(InvalidCheckError, 'row_count needs min, max or both');
      expect(() => compileCheck({ ...check, params: { min: -1 } }, scope)).to.throw(
        InvalidCheckError,
        'bounds must be integers >= 0',
      );
    });

    it('orders SCD2 versions per natural key and binds the end of time', () => {
      const check: QualityCheck = {
        name: 'member_scd2',
        table: 'warehouse.dim_member',
        kind: 'scd2_integrity',
        severity: 'error',
        params: {
          naturalKey: ['member_id'],
          validFrom: 'validity_start_ts',
          validTo: 'validity_end_ts',
          currentFlag: 'current_flag',
          endOfTime: '9999-12-31T00:00:00Z',
        },
        description: 'test',
      };
      const { sql, params } = compileCheck(check, scope);
      const text = flat(sql);
      expect(text).to.include(
        'lead(t."validity_start_ts") OVER ( PARTITION BY t."member_id" ORDER BY t."validity_start_ts", t."validity_end_ts" ) AS next_from',
      );
      expect(text).to.include('count(*) FILTER (WHERE v.next_from > v.valid_to) AS gaps');
      expect(text).to.include('count(*) FILTER (WHERE v.next_from < v.valid_to) AS overlaps');
      expect(params).to.deep.equal(['9999-12-31T00:00:00Z', 5]);
    });

    describe('keyed reconciliation', () => {
      const keyed = (
        name: string,
        measures: string[],
        table = 'warehouse.fact_claim',
      ): QualityCheck => ({
        name,
        table,
        kind: 'reconciliation',
        severity: 'error',
        params: {
          mode: 'keyed',
          source: { table: 'staging.claims', latestBy: 'source_line' },
          keyColumns: ['claim_id'],
          measures,
          batchColumn: 'load_id',
        },
        description: 'test',
      });
      const reach = keyed('claims_reach', []);
      const paid = keyed('claims_paid', ['paid_amount']);
      const allowed = keyed('claims_allowed', ['allowed_amount']);
      const shared: CompileScope = { ...scope, shareTables: true, checks: [reach, paid, allowed] };

      it('outside a transaction, keeps the last staged line per key and joins it with one scan of the target', () => {
        const { sql, params, shared: tables } = compileCheck(paid, scope);
        const text = flat(sql);
        expect(tables).to.equal(undefined);
        expect(text).to.include(
          'source AS ( SELECT DISTINCT ON (s."claim_id") s."claim_id" AS key_1, s."paid_amount" AS source_1, true AS first_of_key FROM "staging"."claims" AS s WHERE s."load_id" = $1::bigint ORDER BY s."claim_id", s."source_line" DESC )',
        );
        // target rows the batch wrote or whose key it staged, in a single full join
        expect(text).to.include(
          'FROM (SELECT src.*, true AS in_source FROM source AS src) AS s FULL JOIN (SELECT tgt."claim_id" AS key_1, tgt."paid_amount" AS target_1, tgt."load_id" AS written_by, true AS in_target FROM "warehouse"."fact_claim" AS tgt) AS t ON s.key_1 = t.key_1 WHERE s.in_source OR t.written_by = $1::bigint',
        );
        expect(text).to.include(
          `round(c.source_1::numeric, 2) IS DISTINCT FROM round(c.target_1::numeric, 2) THEN 'paid_amount differs'`,
        );
        expect(params).to.deep.equal([12, 5]);
      });

      it('inside a transaction, builds the comparison once as temporary tables the checks share', () => {
        const compiled = [reach, paid, allowed].map((c) => compileCheck(c, shared));
        const tables = compiled.map((c) => c.shared!.tables);
        expect(tables[1]).to.deep.equal(tables[0]);
        expect(tables[2]).to.deep.equal(tables[0]);
        const [source, comparison] = tables[0]!;
        expect(comparison).to.match(/^dq_keyed_[0-9a-f]{16}$/);
        expect(source).to.equal(`${comparison}_source`);
        // the shared rows carry every measure of the run's checks comparing the same rows
        const steps = compiled[0]!.shared!.steps;
        expect(steps.map((s) => s.sql.split('\n')[0])).to.deep.equal([
          `CREATE TEMPORARY TABLE ${source} AS`,
          `ANALYZE pg_temp.${source}`,
          `CREATE TEMPORARY TABLE ${comparison} AS`,
        ]);
        expect(flat(steps[0]!.sql)).to.include(
          's."allowed_amount" AS source_1, s."paid_amount" AS source_2',
        );
        expect(steps.map((s) => s.params)).to.deep.equal([[12], [], [12]]);
        // each check reads them and compares only its own measures
        const [reachSql, paidSql, allowedSql] = compiled.map((c) => flat(c.sql));
        expect(paidSql).to.include(`FROM pg_temp.${comparison} AS c`);
        expect(paidSql).to.include('round(c.source_2::numeric, 2)');
        expect(paidSql).not.to.include('source_1');
        expect(allowedSql).to.include(`'allowed_amount differs'`);
        expect(reachSql).not.to.include('differs');
        expect(compiled[1]!.params).to.deep.equal([12, 5]);
      });

      it('shares nothing between checks comparing other rows', () => {
        const other = keyed('other_reach', [], 'warehouse.fact_claim_default');
        const a = compileCheck(reach, { ...shared, checks: [reach, other] }).shared!.tables;
        const b = compileCheck(other, { ...shared, checks: [reach, other] }).shared!.tables;
        expect(a[0]).not.to.equal(b[0]);
      });
    });

    it('binds the freshness reference time, the maximum age and the batch', () => {
      const check: QualityCheck = {
        name: 'fresh',
        table: 'etl.load_batch',
        kind: 'freshness',
        severity: 'warn',
        params: {
          column: 'as_of',
          maxAgeDays: 31,
          where: "t.status = 'succeeded'",
          batchColumn: 'load_id',
        },
        description: 'test',
      };
      const asOf = new Date('2025-01-01T00:00:00Z');
      const { sql, params } = compileCheck(check, { ...scope, asOf });
      const text = flat(sql);
      expect(text).to.include(`WHERE (t.status = 'succeeded') OR t."load_id" = $3::bigint`);
      expect(text).to.include('coalesce($2::timestamptz, now()) AS reference_ts');
      expect(text).to.include('m.latest_ts < m.reference_ts - make_interval(days => $1::integer)');
      expect(params).to.deep.equal([31, '2025-01-01T00:00:00.000Z', 12]);
    });

    it('wraps an expression predicate so that NULL counts as failing', () => {
      const check: QualityCheck = {
        name: 'paid_le_allowed',
        table: 'warehouse.fact_claim',
        kind: 'expression',
        severity: 'warn',
        params: { predicate: 't.paid_amount <= t.allowed_amount', keyColumns: ['claim_id'] },
        description: 'test',
      };
      expect(flat(compileCheck(check, scope).sql)).to.include(
        'WHERE (t.paid_amount <= t.allowed_amount) IS NOT TRUE',
      );
    });

    it('negates a predicate that is one EXISTS as NOT EXISTS (an anti-join, never NULL)', () => {
      const check = (predicate: string): QualityCheck => ({
        name: 'covered',
        table: 'warehouse.fact_claim',
        kind: 'expression',
        severity: 'warn',
        params: { predicate, keyColumns: ['claim_id'] },
        description: 'test',
      });
      const exists = `EXISTS (SELECT 1 FROM warehouse.dim_enrollment AS e
                        WHERE e.member_id = t.member_id AND e.note <> ')(' AND (e.end_date IS NULL))`;
      expect(flat(compileCheck(check(exists), scope).sql)).to.include(
        `WHERE NOT EXISTS (SELECT 1 FROM warehouse.dim_enrollment AS e WHERE e.member_id = t.member_id AND e.note <> ')(' AND (e.end_date IS NULL))`,
      );
      // anything more than the one EXISTS keeps the NULL-safe form
      for (const predicate of [
        'EXISTS (SELECT 1 FROM x) OR t.is_inferred',
        '(EXISTS (SELECT 1 FROM x))',
        'exists_flag',
      ]) {
        expect(flat(compileCheck(check(predicate), scope).sql), predicate).to.include(
          `WHERE (${predicate}) IS NOT TRUE`,
        );
      }
    });
  });
});
