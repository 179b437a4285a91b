import { expect } from 'chai';
import { compileCheck } from '../../../src/application/check-quality/compile-check';
import {
  DATA_DICTIONARY,
  qualifiedName,
  WAREHOUSE_TABLE_DOCS,
} from '../../../src/domain/data-dictionary';
import { QUALITY_CHECKS } from '../../../src/domain/data-quality/checks.catalog';
import { CHECK_KINDS, QualityCheck } from '../../../src/domain/data-quality/quality-check';

const DOCS = new Map(
  DATA_DICTIONARY.map((d) => [qualifiedName(d), new Set(d.columns.map((c) => c.name))]),
);
// The default partition has the columns of its parent.
DOCS.set('warehouse.fact_claim_default', DOCS.get('warehouse.fact_claim')!);

/** Every (table, column) a check names, for the documented-column test. */
function columnsNamed(check: QualityCheck): Array<[string, string]> {
  const on = (table: string, columns: readonly string[]): Array<[string, string]> =>
    columns.map((c) => [table, c]);
  switch (check.kind) {
    case 'not_null':
      return on(check.table, [...check.params.columns, ...check.params.keyColumns]);
    case 'unique':
      return on(check.table, check.params.columns);
    case 'relationships':
      return [
        ...on(check.table, [...check.params.columns, ...check.params.keyColumns]),
        ...on(check.params.to.table, check.params.to.columns),
      ];
    case 'accepted_values':
      return on(check.table, [check.params.column, ...check.params.keyColumns]);
    case 'row_count':
      return on(check.table, check.params.keyColumns ?? []);
    case 'reconciliation':
      if (check.params.mode === 'file_lines') {
        return on(check.table, [check.params.filesColumn, check.params.batchColumn]);
      }
      return [
        ...on(check.table, [...check.params.keyColumns, ...check.params.measures]),
        ...on(check.params.source.table, [
          ...check.params.keyColumns,
          ...check.params.measures,
          check.params.batchColumn,
        ]),
      ];
    case 'scd2_integrity':
      return on(check.table, [
        ...check.params.naturalKey,
        check.params.validFrom,
        check.params.validTo,
        check.params.currentFlag,
      ]);
    case 'expression':
      return on(check.table, check.params.keyColumns);
    case 'freshness':
      return on(check.table, [
        check.params.column,
        ...(check.params.batchColumn === undefined ? [] : [check.params.batchColumn]),
      ]);
  }
}

describe('data-quality catalogue', () => {
  it('has unique check names', () => {
    const names = QUALITY_CHECKS.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).to.deep.equal([]);
  });

  it('compiles every check (identifiers valid, no personal column sampled)', () => {
    for (const check of QUALITY_CHECKS) {
      const compiled = compileCheck(check, { loadId: 1, asOf: null, sampleSize: 5 });
      expect(compiled.sql, check.name).to.match(/^WITH /);
    }
  });

  it('names only documented tables and columns', () => {
    const unknown = QUALITY_CHECKS.flatMap((check) =>
      columnsNamed(check)
        .filter(([table, column]) => !DOCS.get(table)?.has(column))
        .map(([table, column]) => `${check.name}: ${table}.${column}`),
    );
    expect(unknown).to.deep.equal([]);
  });

  it('uses every kind of check', () => {
    expect([...new Set(QUALITY_CHECKS.map((c) => c.kind))].sort()).to.deep.equal(
      [...CHECK_KINDS].sort(),
    );
  });

  it('checks not-null and uniqueness of the keys of every dimension and fact', () => {
    for (const doc of WAREHOUSE_TABLE_DOCS) {
      const table = qualifiedName(doc);
      const kinds = QUALITY_CHECKS.filter((c) => c.table === table && c.severity === 'error').map(
        (c) => c.kind,
      );
      expect(kinds, table).to.include.members(['not_null', 'unique']);
    }
  });

  it('checks SCD2 history of every versioned dimension, as errors', () => {
    const scd2 = QUALITY_CHECKS.filter((c) => c.kind === 'scd2_integrity');
    expect(scd2.map((c) => [c.table, c.severity])).to.deep.equal([
      ['warehouse.dim_member', 'error'],
      ['warehouse.dim_plan', 'error'],
      ['warehouse.dim_provider', 'error'],
      ['warehouse.dim_enrollment', 'error'],
    ]);
  });

  it('resolves every fact key to its dimension', () => {
    const targets = QUALITY_CHECKS.filter((c) => c.kind === 'relationships').map((c) =>
      c.kind === 'relationships' ? `${c.table} -> ${c.params.to.table}` : '',
    );
    expect(targets).to.include.members([
      'warehouse.fact_claim -> warehouse.dim_member',
      'warehouse.fact_claim -> warehouse.dim_provider',
      'warehouse.fact_claim -> warehouse.dim_plan',
      'warehouse.fact_claim -> warehouse.dim_date',
      'warehouse.fact_enrollment -> warehouse.dim_member',
      'warehouse.fact_enrollment -> warehouse.dim_plan',
    ]);
  });

  it('reports the known defects of source data as warnings, not errors', () => {
    const severity = (name: string): string | undefined =>
      QUALITY_CHECKS.find((c) => c.name === name)?.severity;
    expect(
      [
        'member_state_is_us_state',
        'provider_npi_check_digit',
        'claim_paid_within_allowed',
        'claim_allowed_within_billed',
        'claim_denied_not_paid',
        'claim_service_in_coverage',
        'claim_default_partition_empty',
        'warehouse_fresh',
      ].map(severity),
    ).to.deep.equal(Array(8).fill('warn'));
    expect(severity('member_gender_accepted')).to.equal('error');
  });

  it('accepts gender O, as the contract does', () => {
    const gender = QUALITY_CHECKS.find((c) => c.name === 'member_gender_accepted');
    expect(gender?.kind === 'accepted_values' && gender.params.values).to.deep.equal([
      'F',
      'M',
      'O',
      'U',
    ]);
  });
});
