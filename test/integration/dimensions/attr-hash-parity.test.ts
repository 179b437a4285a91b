import { expect } from 'chai';
import { attrHashHex, AttrValue, encodeAttrs, normalizeAttr } from '../../../src/domain/scd2';
import { DimMember, DimPlan } from '../../../src/domain/warehouse';
import { Scd2Repository } from '../../../src/infrastructure/persistence/scd2-repository';
import { attrHashSql } from '../../../src/infrastructure/persistence/scd2-sql';
import { scd2TableOf } from '../../../src/infrastructure/persistence/scd2-table';
import { describeOnEngines } from '../../support/test-database';

/** Values chosen to break naive encodings: delimiters, quotes, blanks, NULL vs '', non-ASCII. */
const TRICKY_NAMES: ReadonlyArray<string | null> = [
  null,
  '',
  ' ',
  'a,b',
  'a|b',
  '(x)',
  'O"Brien',
  "O'Brien",
  'back\\slash',
  'tab\there',
  'line\nbreak',
  'N',
  '3:abc',
  'Zoë',
  'Łódź',
  '😀 emoji',
  'x'.repeat(500),
];

describeOnEngines('attr_hash: TypeScript and SQL agree', (t) => {
  const member = scd2TableOf(DimMember);

  it('for tricky text, dates, numerics, booleans and NULLs merged as members', async () => {
    const rows = TRICKY_NAMES.map((name, i) => ({
      member_id: `M${i}`,
      first_name: name,
      last_name: TRICKY_NAMES[TRICKY_NAMES.length - 1 - i] ?? null,
      dob: i % 3 === 0 ? null : `19${String(10 + i).padStart(2, '0')}-02-2${i % 10}`,
      fpl_ratio: [null, '0', '1.500', '12.345', '0.010'][i % 5] ?? null,
      member_used_app: [null, true, false][i % 3] ?? null,
      year: i % 4 === 0 ? null : 2000 + i,
      ra_mm: '1.2000',
    }));
    const repository = new Scd2Repository<DimMember>(DimMember);
    await t.db.transaction((tx) =>
      repository.mergeRows(tx, rows, { loadId: 1, asOf: new Date('2024-01-01T00:00:00Z') }),
    );
    const kinds = member.changeDrivers.map((c) => c.kind);
    // The hash input itself, so a mismatch shows where the encodings differ.
    const literals = await t.db.query<{ member_id: string; literal: string; hash: string }>(
      `SELECT member_id,
              ROW(${member.changeDrivers
                .map((c) =>
                  c.kind === 'numeric'
                    ? `trim_scale(d.${c.name})`
                    : c.kind === 'date'
                      ? `to_char(d.${c.name}, 'YYYY-MM-DD')`
                      : `d.${c.name}`,
                )
                .join(', ')})::text AS literal,
              encode(${attrHashSql(member, 'd')}, 'hex') AS hash
         FROM warehouse.dim_member d`,
    );
    const stored = await t.db.transaction((tx) => repository.findVersions(tx));
    expect(stored).to.have.length(TRICKY_NAMES.length);
    for (const row of stored) {
      const values = member.changeDrivers.map((c) => row[c.name as keyof DimMember] as AttrValue);
      const sql = literals.find((l) => l.member_id === row.member_id);
      expect(sql?.literal, row.member_id).to.equal(
        encodeAttrs(values.map((v, i) => normalizeAttr(kinds[i] ?? 'text', v))),
      );
      expect(row.attr_hash, row.member_id).to.equal(attrHashHex(kinds, values));
      expect(sql?.hash, row.member_id).to.equal(row.attr_hash);
    }
  });

  it('for numerics given with different scales', async () => {
    const repository = new Scd2Repository<DimPlan>(DimPlan);
    const plan = (id: string, premium: string) => ({
      plan_id: id,
      effective_year: 2024,
      name: 'Plan, "quoted"',
      metal_tier: 'Gold',
      monthly_premium: premium,
      deductible: '0',
      oop_max: '9450.5',
      coinsurance_rate: '0.0500',
      pcp_copay: null,
    });
    await t.db.transaction((tx) =>
      repository.mergeRows(tx, [plan('A', '100'), plan('B', '100.10'), plan('C', '0.01')], {
        loadId: 1,
        asOf: new Date('2024-01-01T00:00:00Z'),
      }),
    );
    const table = scd2TableOf(DimPlan);
    for (const row of await t.db.transaction((tx) => repository.findVersions(tx))) {
      const values = table.changeDrivers.map((c) => row[c.name as keyof DimPlan] as AttrValue);
      expect(row.attr_hash, row.plan_id).to.equal(
        attrHashHex(
          table.changeDrivers.map((c) => c.kind),
          values,
        ),
      );
    }
  });
});
