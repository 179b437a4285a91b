import {
  Scd2Batch,
  Scd2Key,
  Scd2MergeCounts,
  Scd2RepositoryPort,
  Scd2SourceRow,
} from '../../../src/application/ports/scd2-repository.port';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import {
  attrHashHex,
  AttrValue,
  canonicalDecimal,
  DimensionClass,
  normalizeAttr,
} from '../../../src/domain/scd2';
import { OPEN_VALIDITY_END } from '../../../src/domain/warehouse';
import {
  Scd2Column,
  Scd2Table,
  scd2TableOf,
} from '../../../src/infrastructure/persistence/scd2-table';

type Row = Record<string, unknown>;

/** Rounds a canonical decimal half away from zero to `scale` digits and pads it, as numeric(p,s) stores it. */
function toScale(canonical: string, scale: number): string {
  const negative = canonical.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? canonical.slice(1) : canonical).split('.');
  let units = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
  if ((fraction[scale] ?? '0') >= '5') units += 1n;
  const digits = units.toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && units !== 0n ? `-${text}` : text;
}

/** A value as the database would store and return it for the column. */
function stored(column: Scd2Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const text = normalizeAttr(column.kind, value as AttrValue);
  switch (column.kind) {
    case 'integer':
      return Number(text);
    case 'boolean':
      return value;
    case 'numeric': {
      const scale = /,(\d+)\)$/.exec(column.sqlType)?.[1];
      return scale === undefined ? text : toScale(canonicalDecimal(text as string), Number(scale));
    }
    default:
      return text;
  }
}

/**
 * The SCD2 repository port in memory, for unit tests of services and as the reference the
 * contract suite (test/contract/scd2-repository.contract.ts) holds the SQL adapter to. The
 * session argument is ignored; `stage` and `reference` stand in for the staging tables.
 */
export class InMemoryScd2Repository<T extends object> implements Scd2RepositoryPort<T> {
  readonly table: Scd2Table;
  readonly dimension: string;
  private readonly rows: Row[] = [];
  private nextSk = 1;
  private staged: readonly Scd2SourceRow<T>[] = [];
  private referenced: readonly Scd2Key<T>[] = [];

  constructor(entity: DimensionClass) {
    this.table = scd2TableOf(entity);
    this.dimension = this.table.name;
  }

  /** The batch's staged rows of this dimension (what staging.<source> would hold). */
  stage(rows: readonly Scd2SourceRow<T>[]): void {
    this.staged = rows;
  }

  /** Natural keys the batch's staged facts reference. */
  reference(keys: readonly Scd2Key<T>[]): void {
    this.referenced = keys;
  }

  mergeStaged(tx: SqlSession, batch: Scd2Batch): Promise<Scd2MergeCounts> {
    return this.mergeRows(tx, this.staged, batch);
  }

  inferReferenced(tx: SqlSession, batch: Scd2Batch): Promise<number> {
    return this.inferKeys(tx, this.referenced, batch);
  }

  async mergeRows(
    _tx: SqlSession,
    rows: readonly Scd2SourceRow<T>[],
    batch: Scd2Batch,
  ): Promise<Scd2MergeCounts> {
    const t = this.table;
    const latest = new Map<string, { line: number; row: Row }>();
    rows.forEach((input, index) => {
      const values = input as Row;
      const row: Row = {};
      for (const c of t.sourceColumns) row[c.name] = stored(c, values[c.name]);
      const line = input.source_line ?? index + 1;
      const key = this.keyOf(row);
      const seen = latest.get(key);
      if (!seen || line >= seen.line) latest.set(key, { line, row });
    });

    const plan = [...latest.entries()].map(([key, { row }]) => {
      const current = this.current(key);
      const hash = this.hashOf(row);
      let action: string;
      if (!current) action = 'new';
      else if ((current.validity_start_ts as Date) > batch.asOf) action = 'older';
      else if (current.is_inferred) action = 'inferred';
      else if (current.attr_hash === hash)
        action = this.type1Differs(current, row) ? 'type1' : 'same';
      else if ((current.validity_start_ts as Date).getTime() === batch.asOf.getTime())
        action = 'restated';
      else action = 'changed';
      return { key, row, hash, current, action };
    });
    const count = (...actions: string[]): number =>
      plan.filter((p) => actions.includes(p.action)).length;
    if (count('older') > 0) {
      throw new Error(
        `${this.dimension}: the batch as_of ${batch.asOf.toISOString()} is older than the current version of ${count('older')} natural key(s); seed sets must be loaded in as_of order`,
      );
    }
    const now = new Date();
    for (const { row, hash, current, action } of plan) {
      if (!current || action === 'new') {
        this.insert(row, hash, batch, false);
      } else if (action === 'inferred' || action === 'restated') {
        Object.assign(current, this.attributesOf(row), {
          attr_hash: hash,
          is_inferred: false,
          updated_at: now,
        });
      } else if (action === 'changed') {
        Object.assign(current, {
          validity_end_ts: batch.asOf,
          current_flag: false,
          updated_at: now,
        });
        this.insert(row, hash, batch, false);
      } else if (action === 'type1') {
        for (const c of t.type1) current[c.name] = row[c.name];
        current.updated_at = now;
      }
    }
    return {
      dimension: this.dimension,
      newKeys: count('new'),
      changed: count('changed'),
      unchanged: count('same', 'type1'),
      type1Updated: count('type1'),
      inferredCompleted: count('inferred'),
      correctedInPlace: count('restated'),
    };
  }

  async inferKeys(_tx: SqlSession, keys: readonly Scd2Key<T>[], batch: Scd2Batch): Promise<number> {
    let added = 0;
    for (const input of keys) {
      const values = input as Row;
      const row: Row = {};
      for (const c of this.table.naturalKey) row[c.name] = stored(c, values[c.name]);
      if (this.table.naturalKey.some((c) => row[c.name] === null)) continue;
      if (this.current(this.keyOf(row))) continue;
      for (const c of [...this.table.changeDrivers, ...this.table.type1]) row[c.name] = null;
      this.insert(row, this.hashOf(row), batch, true);
      added++;
    }
    return added;
  }

  async findVersions(_tx: SqlSession, key?: Scd2Key<T>): Promise<T[]> {
    const wanted = key ? this.keyOf(this.keyRow(key)) : undefined;
    return this.rows
      .filter((r) => wanted === undefined || this.keyOf(r) === wanted)
      .sort((a, b) => this.compare(a, b))
      .map((r) => ({ ...r }) as T);
  }

  private insert(row: Row, hash: string, batch: Scd2Batch, inferred: boolean): void {
    const now = new Date();
    this.rows.push({
      [this.table.surrogateKey]: this.nextSk++,
      ...row,
      validity_start_ts: batch.asOf,
      validity_end_ts: OPEN_VALIDITY_END,
      current_flag: true,
      attr_hash: hash,
      is_inferred: inferred,
      load_id: batch.loadId,
      created_at: now,
      updated_at: now,
    });
  }

  private keyRow(key: Scd2Key<T>): Row {
    const values = key as Row;
    return Object.fromEntries(
      this.table.naturalKey.map((c) => [c.name, stored(c, values[c.name])]),
    );
  }

  private keyOf(row: Row): string {
    return JSON.stringify(this.table.naturalKey.map((c) => row[c.name]));
  }

  private current(key: string): Row | undefined {
    return this.rows.find((r) => r.current_flag === true && this.keyOf(r) === key);
  }

  private hashOf(row: Row): string {
    const drivers = this.table.changeDrivers;
    return attrHashHex(
      drivers.map((c) => c.kind),
      drivers.map((c) => row[c.name] as AttrValue),
    );
  }

  private attributesOf(row: Row): Row {
    const attributes = [...this.table.changeDrivers, ...this.table.type1];
    return Object.fromEntries(attributes.map((c) => [c.name, row[c.name]]));
  }

  /** Type-1 values differ as `IS DISTINCT FROM` sees them (1.50 equals 1.5). */
  private type1Differs(current: Row, row: Row): boolean {
    return this.table.type1.some(
      (c) =>
        normalizeAttr(c.kind, current[c.name] as AttrValue) !==
        normalizeAttr(c.kind, row[c.name] as AttrValue),
    );
  }

  private compare(a: Row, b: Row): number {
    for (const c of this.table.naturalKey) {
      const x = a[c.name] as string | number;
      const y = b[c.name] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return (a.validity_start_ts as Date).getTime() - (b.validity_start_ts as Date).getTime();
  }
}
