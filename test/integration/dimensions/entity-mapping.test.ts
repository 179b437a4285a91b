import { expect } from 'chai';
import {
  DimDate,
  DimEnrollment,
  DimGeography,
  DimMember,
  DimPlan,
  DimProvider,
} from '../../../src/domain/warehouse';
import { describeOnEngines } from '../../support/test-database';

/** The entity classes and the migrated tables must describe the same columns. */
describeOnEngines('dimension entities match their tables', (t) => {
  it('same columns, types, nullability and primary keys', async () => {
    let checked = 0;
    for (const entity of [DimDate, DimGeography, DimMember, DimPlan, DimProvider, DimEnrollment]) {
      const meta = t.dataSource.getMetadata(entity);
      const expected = meta.columns
        .map((c) => {
          const type = String(c.type);
          const sqlType =
            c.precision !== undefined && c.precision !== null
              ? `${type}(${c.precision},${c.scale ?? 0})`
              : type;
          return {
            name: c.databaseName,
            type: sqlType,
            nullable: c.isNullable,
            primary: c.isPrimary,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      const actual = await t.db.query<{
        name: string;
        type: string;
        nullable: boolean;
        primary: boolean;
      }>(
        `SELECT a.attname AS name,
                format_type(a.atttypid, a.atttypmod) AS type,
                NOT a.attnotnull AS nullable,
                EXISTS (SELECT 1 FROM pg_index i
                         WHERE i.indrelid = a.attrelid AND i.indisprimary
                           AND a.attnum = ANY (i.indkey)) AS "primary"
           FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attname COLLATE "C"`,
        [`${meta.schema}.${meta.tableName}`],
      );
      const normalize = (type: string): string =>
        type
          .replace('timestamp with time zone', 'timestamptz')
          .replace('character varying', 'varchar');
      expect(
        actual.map((c) => ({ ...c, type: normalize(c.type) })),
        meta.tableName,
      ).to.deep.equal(expected);
      checked += expected.length;
    }
    expect(checked).to.equal(14 + 8 + 46 + 18 + 18 + 16);
  });
});
