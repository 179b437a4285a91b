import { expect } from 'chai';
import {
  Scd2Batch,
  Scd2MergeCounts,
  Scd2RepositoryPort,
  Scd2SourceRow,
} from '../../src/application/ports/scd2-repository.port';
import { SqlSession } from '../../src/application/ports/sql-database.port';
import { attrHashHex, AttrValue, DimensionClass } from '../../src/domain/scd2';
import {
  DimEnrollment,
  DimMember,
  DimPlan,
  DimProvider,
  OPEN_VALIDITY_END,
} from '../../src/domain/warehouse';
import { scd2TableOf } from '../../src/infrastructure/persistence/scd2-table';

/** What a runner provides: the implementation under test and a way to run batches on it. */
export interface Scd2ContractSubject {
  repository<T extends object>(entity: new () => T): Scd2RepositoryPort<T>;
  /** Runs `work` as one batch transaction. */
  inBatch<R>(work: (tx: SqlSession) => Promise<R>): Promise<R>;
  /** Empties every SCD2 dimension (called before each scenario). */
  reset(): Promise<void>;
}

const AS_OF = [
  new Date('2024-01-01T00:00:00Z'),
  new Date('2024-04-01T00:00:00Z'),
  new Date('2024-07-01T00:00:00Z'),
  new Date('2024-10-01T00:00:00Z'),
];
const OPEN = OPEN_VALIDITY_END.toISOString();
const at = (n: 1 | 2 | 3 | 4): string => (AS_OF[n - 1] as Date).toISOString();
const batchOf = (n: 1 | 2 | 3 | 4): Scd2Batch => ({ loadId: n, asOf: AS_OF[n - 1] as Date });

type Row = Record<string, unknown>;

const NO_CHANGE = {
  newKeys: 0,
  changed: 0,
  unchanged: 0,
  type1Updated: 0,
  inferredCompleted: 0,
  correctedInPlace: 0,
};

function provider(id: string, overrides: Partial<DimProvider> = {}): Scd2SourceRow<DimProvider> {
  return {
    provider_id: id,
    npi: '1234567893',
    name: `Provider ${id}`,
    specialty: 'Cardiology',
    street: '1 Main St',
    city: 'Springfield',
    state: 'IL',
    zip: '62701',
    phone: '555-0100',
    ...overrides,
  };
}

/** Same scenarios, same expected rows, for every implementation of the SCD2 repository port. */
export function scd2RepositoryContract(subjectOf: () => Scd2ContractSubject): void {
  let s: Scd2ContractSubject;

  beforeEach(async () => {
    s = subjectOf();
    await s.reset();
  });

  async function merge<T extends object>(
    entity: new () => T,
    n: 1 | 2 | 3 | 4,
    rows: readonly Scd2SourceRow<T>[],
  ): Promise<Scd2MergeCounts> {
    return s.inBatch((tx) => s.repository(entity).mergeRows(tx, rows, batchOf(n)));
  }

  async function versions<T extends object>(entity: new () => T): Promise<Row[]> {
    const rows = await s.inBatch((tx) => s.repository(entity).findVersions(tx));
    checkInvariants(entity, rows as Row[]);
    return rows as Row[];
  }

  /** Validity as ISO strings plus the chosen columns, one entry per version. */
  async function history<T extends object>(
    entity: new () => T,
    columns: readonly string[],
  ): Promise<Row[]> {
    return (await versions(entity)).map((r) => ({
      ...Object.fromEntries(columns.map((c) => [c, r[c]])),
      from: (r.validity_start_ts as Date).toISOString(),
      to: (r.validity_end_ts as Date).toISOString(),
      current: r.current_flag,
    }));
  }

  it('first load: one current version per key, valid from the as_of, hashed as the domain does', async () => {
    const counts = await merge(DimProvider, 1, [provider('P1'), provider('P2'), provider('P3')]);
    expect(counts).to.deep.equal({ ...NO_CHANGE, dimension: 'dim_provider', newKeys: 3 });
    const rows = await versions(DimProvider);
    expect(rows.map((r) => [r.provider_id, r.name, r.is_inferred, r.load_id])).to.deep.equal([
      ['P1', 'Provider P1', false, 1],
      ['P2', 'Provider P2', false, 1],
      ['P3', 'Provider P3', false, 1],
    ]);
    expect(await history(DimProvider, ['provider_id'])).to.deep.equal(
      ['P1', 'P2', 'P3'].map((id) => ({ provider_id: id, from: at(1), to: OPEN, current: true })),
    );
  });

  it('incremental: changed keys get a new version, new keys one, unchanged and re-sent none', async () => {
    await merge(DimProvider, 1, [provider('P1'), provider('P2'), provider('P3')]);
    const second = await merge(DimProvider, 2, [
      provider('P1', { specialty: 'Oncology' }),
      provider('P2'),
      provider('P4'),
    ]);
    expect(second).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_provider',
      newKeys: 1,
      changed: 1,
      unchanged: 1,
    });
    const third = await merge(DimProvider, 3, [
      provider('P1', { specialty: 'Oncology' }),
      provider('P4'),
    ]);
    expect(third).to.deep.equal({ ...NO_CHANGE, dimension: 'dim_provider', unchanged: 2 });
    expect(await history(DimProvider, ['provider_id', 'specialty', 'load_id'])).to.deep.equal([
      {
        provider_id: 'P1',
        specialty: 'Cardiology',
        load_id: 1,
        from: at(1),
        to: at(2),
        current: false,
      },
      {
        provider_id: 'P1',
        specialty: 'Oncology',
        load_id: 2,
        from: at(2),
        to: OPEN,
        current: true,
      },
      {
        provider_id: 'P2',
        specialty: 'Cardiology',
        load_id: 1,
        from: at(1),
        to: OPEN,
        current: true,
      },
      {
        provider_id: 'P3',
        specialty: 'Cardiology',
        load_id: 1,
        from: at(1),
        to: OPEN,
        current: true,
      },
      {
        provider_id: 'P4',
        specialty: 'Cardiology',
        load_id: 2,
        from: at(2),
        to: OPEN,
        current: true,
      },
    ]);
  });

  it('a change back to an earlier value makes a new version', async () => {
    await merge(DimProvider, 1, [provider('P1', { city: 'Springfield' })]);
    await merge(DimProvider, 2, [provider('P1', { city: 'Shelbyville' })]);
    const back = await merge(DimProvider, 3, [provider('P1', { city: 'Springfield' })]);
    expect(back.changed).to.equal(1);
    const rows = await versions(DimProvider);
    expect(rows.map((r) => r.city)).to.deep.equal(['Springfield', 'Shelbyville', 'Springfield']);
    expect(rows[2]?.attr_hash).to.equal(rows[0]?.attr_hash);
    expect(rows[1]?.attr_hash).to.not.equal(rows[0]?.attr_hash);
  });

  it("NULL -> value and value -> NULL are changes, and NULL differs from ''", async () => {
    await merge(DimProvider, 1, [provider('P1', { street: null })]);
    await merge(DimProvider, 2, [provider('P1', { street: '' })]);
    await merge(DimProvider, 3, [provider('P1', { street: '1 Main St' })]);
    await merge(DimProvider, 4, [provider('P1', { street: null })]);
    expect(await history(DimProvider, ['street'])).to.deep.equal([
      { street: null, from: at(1), to: at(2), current: false },
      { street: '', from: at(2), to: at(3), current: false },
      { street: '1 Main St', from: at(3), to: at(4), current: false },
      { street: null, from: at(4), to: OPEN, current: true },
    ]);
  });

  it('values that only differ in where a delimiter falls are changes', async () => {
    // Hash order is by column name: city, name, … — `coalesce(x,'') || '|' || …` would give
    // 'a|b|c' for both first versions, and '' + '' for the NULL/'' swap.
    await merge(DimProvider, 1, [provider('P1', { city: 'a|b', name: 'c' })]);
    await merge(DimProvider, 2, [provider('P1', { city: 'a', name: 'b|c' })]);
    await merge(DimProvider, 3, [provider('P1', { city: null, name: '' })]);
    await merge(DimProvider, 4, [provider('P1', { city: '', name: null })]);
    const rows = await versions(DimProvider);
    expect(rows.map((r) => [r.city, r.name])).to.deep.equal([
      ['a|b', 'c'],
      ['a', 'b|c'],
      [null, ''],
      ['', null],
    ]);
    expect(new Set(rows.map((r) => r.attr_hash)).size).to.equal(4);
  });

  it('type-1 attributes are overwritten on the current version only, without a new version', async () => {
    await merge(DimProvider, 1, [provider('P1', { npi: '1111111112' })]);
    const type1 = await merge(DimProvider, 2, [provider('P1', { npi: '2222222226' })]);
    expect(type1).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_provider',
      unchanged: 1,
      type1Updated: 1,
    });
    expect(await history(DimProvider, ['npi'])).to.deep.equal([
      { npi: '2222222226', from: at(1), to: OPEN, current: true },
    ]);
    await merge(DimProvider, 3, [provider('P1', { npi: '3333333333', phone: '555-0199' })]);
    expect(await history(DimProvider, ['npi', 'phone'])).to.deep.equal([
      { npi: '2222222226', phone: '555-0100', from: at(1), to: at(3), current: false },
      { npi: '3333333333', phone: '555-0199', from: at(3), to: OPEN, current: true },
    ]);
  });

  it('duplicates of a key in one batch: the highest source_line wins, else the last row', async () => {
    const counts = await merge(DimProvider, 1, [
      { ...provider('P1', { name: 'late' }), source_line: 9 },
      { ...provider('P1', { name: 'early' }), source_line: 5 },
      provider('P2', { name: 'first' }),
      provider('P2', { name: 'second' }),
    ]);
    expect(counts.newKeys).to.equal(2);
    expect(await history(DimProvider, ['provider_id', 'name'])).to.deep.equal([
      { provider_id: 'P1', name: 'late', from: at(1), to: OPEN, current: true },
      { provider_id: 'P2', name: 'second', from: at(1), to: OPEN, current: true },
    ]);
    const again = await merge(DimProvider, 2, [
      provider('P1', { name: 'late' }),
      provider('P1', { name: 'late' }),
    ]);
    expect(again).to.deep.equal({ ...NO_CHANGE, dimension: 'dim_provider', unchanged: 1 });
  });

  it('re-loading the same rows changes nothing, at a later or the same as_of', async () => {
    const rows = [provider('P1'), provider('P2', { street: null })];
    await merge(DimProvider, 1, rows);
    const before = await versions(DimProvider);
    expect(await merge(DimProvider, 1, rows)).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_provider',
      unchanged: 2,
    });
    expect(await merge(DimProvider, 2, rows)).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_provider',
      unchanged: 2,
    });
    const after = await versions(DimProvider);
    expect(after).to.deep.equal(before);
  });

  it('an inferred key is completed in place by its real row, keeping its surrogate key', async () => {
    await merge(DimProvider, 1, [provider('P1')]);
    const inferred = await s.inBatch((tx) =>
      s
        .repository(DimProvider)
        .inferKeys(
          tx,
          [{ provider_id: 'P1' }, { provider_id: 'P9' }, { provider_id: 'P9' }],
          batchOf(1),
        ),
    );
    expect(inferred).to.equal(1);
    const again = await s.inBatch((tx) =>
      s.repository(DimProvider).inferKeys(tx, [{ provider_id: 'P9' }], batchOf(2)),
    );
    expect(again).to.equal(0);
    const placeholder = (await versions(DimProvider)).find((r) => r.provider_id === 'P9') as Row;
    expect(placeholder).to.include({ is_inferred: true, name: null, npi: null, load_id: 1 });
    const table = scd2TableOf(DimProvider);
    expect(placeholder.attr_hash).to.equal(
      attrHashHex(
        table.changeDrivers.map((c) => c.kind),
        table.changeDrivers.map(() => null),
      ),
    );

    const completed = await merge(DimProvider, 2, [provider('P9')]);
    expect(completed).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_provider',
      inferredCompleted: 1,
    });
    const rows = (await versions(DimProvider)).filter((r) => r.provider_id === 'P9');
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({
      provider_sk: placeholder.provider_sk,
      is_inferred: false,
      name: 'Provider P9',
      npi: '1234567893',
      load_id: 1,
    });
    expect(await history(DimProvider, ['provider_id'])).to.deep.include({
      provider_id: 'P9',
      from: at(1),
      to: OPEN,
      current: true,
    });
    const later = await merge(DimProvider, 3, [provider('P9', { name: 'Renamed' })]);
    expect(later.changed).to.equal(1);
  });

  it('composite natural keys and numeric values compare by value, not by spelling', async () => {
    const plan = (year: number, premium: string): Scd2SourceRow<DimPlan> => ({
      plan_id: 'PLN1',
      effective_year: year,
      name: `Silver ${year}`,
      metal_tier: 'Silver',
      monthly_premium: premium,
      deductible: '6300',
      oop_max: '8650.00',
      coinsurance_rate: '0.2',
      pcp_copay: '45',
    });
    await merge(DimPlan, 1, [plan(2024, '336.2'), plan(2025, '350')]);
    const same = await merge(DimPlan, 2, [plan(2024, '336.20'), plan(2025, '350.00')]);
    expect(same).to.deep.equal({ ...NO_CHANGE, dimension: 'dim_plan', unchanged: 2 });
    const changed = await merge(DimPlan, 3, [plan(2024, '336.20'), plan(2025, '351.5')]);
    expect(changed).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_plan',
      changed: 1,
      unchanged: 1,
    });
    expect(
      await history(DimPlan, [
        'effective_year',
        'monthly_premium',
        'deductible',
        'coinsurance_rate',
      ]),
    ).to.deep.equal([
      {
        effective_year: 2024,
        monthly_premium: '336.20',
        deductible: '6300.00',
        coinsurance_rate: '0.2000',
        from: at(1),
        to: OPEN,
        current: true,
      },
      {
        effective_year: 2025,
        monthly_premium: '350.00',
        deductible: '6300.00',
        coinsurance_rate: '0.2000',
        from: at(1),
        to: at(3),
        current: false,
      },
      {
        effective_year: 2025,
        monthly_premium: '351.50',
        deductible: '6300.00',
        coinsurance_rate: '0.2000',
        from: at(3),
        to: OPEN,
        current: true,
      },
    ]);
  });

  it('dates, booleans and integers: flag flips and NULL flags are changes, counts are type 1', async () => {
    const member = (overrides: Partial<DimMember>): Scd2SourceRow<DimMember> => ({
      member_id: 'M1',
      first_name: 'Ann',
      last_name: 'Lee',
      dob: '1980-02-29',
      gender: 'F',
      age_group: '35-44',
      state: 'IL',
      zip: '62701',
      region: 'Midwest',
      fpl_ratio: '2.350',
      plan_metal: 'Silver',
      member_used_app: true,
      call_count: 2,
      year: 2024,
      ...overrides,
    });
    await merge(DimMember, 1, [member({})]);
    expect((await merge(DimMember, 2, [member({ call_count: 5 })])).type1Updated).to.equal(1);
    expect(
      (await merge(DimMember, 3, [member({ call_count: 5, member_used_app: false })])).changed,
    ).to.equal(1);
    expect(
      (await merge(DimMember, 4, [member({ call_count: 5, member_used_app: null })])).changed,
    ).to.equal(1);
    expect(
      await history(DimMember, ['dob', 'fpl_ratio', 'member_used_app', 'call_count', 'year']),
    ).to.deep.equal([
      {
        dob: '1980-02-29',
        fpl_ratio: '2.350',
        member_used_app: true,
        call_count: 5,
        year: 2024,
        from: at(1),
        to: at(3),
        current: false,
      },
      {
        dob: '1980-02-29',
        fpl_ratio: '2.350',
        member_used_app: false,
        call_count: 5,
        year: 2024,
        from: at(3),
        to: at(4),
        current: false,
      },
      {
        dob: '1980-02-29',
        fpl_ratio: '2.350',
        member_used_app: null,
        call_count: 5,
        year: 2024,
        from: at(4),
        to: OPEN,
        current: true,
      },
    ]);

    const span = (end: string | null): Scd2SourceRow<DimEnrollment> => ({
      member_id: 'M1',
      plan_id: 'PLN1',
      start_date: '2024-01-01',
      end_date: end,
      premium_paid: '120.5',
      csr_variant: '87',
    });
    await merge(DimEnrollment, 1, [span(null)]);
    expect((await merge(DimEnrollment, 2, [span('2024-06-30')])).changed).to.equal(1);
    expect(await history(DimEnrollment, ['start_date', 'end_date', 'premium_paid'])).to.deep.equal([
      {
        start_date: '2024-01-01',
        end_date: null,
        premium_paid: '120.50',
        from: at(1),
        to: at(2),
        current: false,
      },
      {
        start_date: '2024-01-01',
        end_date: '2024-06-30',
        premium_paid: '120.50',
        from: at(2),
        to: OPEN,
        current: true,
      },
    ]);
  });

  it('a second change at the same as_of replaces the version it began instead of adding one', async () => {
    await merge(DimProvider, 1, [provider('P1')]);
    await merge(DimProvider, 2, [provider('P1', { zip: '62702' })]);
    const corrected = await merge(DimProvider, 2, [provider('P1', { zip: '62703' })]);
    expect(corrected).to.deep.equal({
      ...NO_CHANGE,
      dimension: 'dim_provider',
      correctedInPlace: 1,
    });
    expect(await history(DimProvider, ['zip'])).to.deep.equal([
      { zip: '62701', from: at(1), to: at(2), current: false },
      { zip: '62703', from: at(2), to: OPEN, current: true },
    ]);
  });

  it('refuses a batch older than a current version and changes nothing', async () => {
    await merge(DimProvider, 2, [provider('P1')]);
    const before = await versions(DimProvider);
    let message = '';
    try {
      await merge(DimProvider, 1, [provider('P1', { name: 'Older' }), provider('P2')]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal(
      `dim_provider: the batch as_of ${at(1)} is older than the current version of 1 natural key(s); seed sets must be loaded in as_of order`,
    );
    expect(await versions(DimProvider)).to.deep.equal(before);
  });
}

/**
 * Exactly one current version per natural key, the current one open-ended, validity ranges
 * contiguous and non-overlapping, and every attr_hash equal to the domain hash of its drivers.
 */
export function checkInvariants(entity: DimensionClass, rows: readonly Row[]): void {
  const table = scd2TableOf(entity);
  const byKey = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify(table.naturalKey.map((c) => row[c.name]));
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
    const expected = attrHashHex(
      table.changeDrivers.map((c) => c.kind),
      table.changeDrivers.map((c) => row[c.name] as AttrValue),
    );
    expect(row.attr_hash, `attr_hash of ${key}`).to.equal(expected);
  }
  for (const [key, list] of byKey) {
    const sorted = [...list].sort(
      (a, b) => (a.validity_start_ts as Date).getTime() - (b.validity_start_ts as Date).getTime(),
    );
    expect(
      sorted.filter((r) => r.current_flag === true),
      `current versions of ${key}`,
    ).to.have.length(1);
    const last = sorted[sorted.length - 1] as Row;
    expect(last.current_flag, `latest version of ${key} is current`).to.equal(true);
    expect((last.validity_end_ts as Date).toISOString()).to.equal(OPEN);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as Row;
      const next = sorted[i] as Row;
      expect((previous.validity_end_ts as Date).getTime(), `ranges of ${key} meet`).to.equal(
        (next.validity_start_ts as Date).getTime(),
      );
    }
    for (const r of sorted) {
      expect((r.validity_start_ts as Date).getTime()).to.be.lessThan(
        (r.validity_end_ts as Date).getTime(),
      );
    }
  }
}
