import { getMetadataArgsStorage } from 'typeorm';
import { AttrKind, DimensionClass, scd2MetadataOf } from '../../domain/scd2';

export interface Scd2Column {
  readonly name: string;
  /** SQL type as the table declares it, e.g. `numeric(6,3)`. */
  readonly sqlType: string;
  readonly kind: AttrKind;
}

/**
 * Everything the generic SCD2 repository needs about one dimension, resolved once from the
 * entity class: the SCD2 roles (src/domain/scd2) and the column types of its TypeORM mapping.
 */
export interface Scd2Table {
  readonly schema: string;
  readonly name: string;
  /** `schema.name`. */
  readonly qualified: string;
  readonly surrogateKey: string;
  readonly naturalKey: readonly Scd2Column[];
  /** In hash order. */
  readonly changeDrivers: readonly Scd2Column[];
  readonly type1: readonly Scd2Column[];
  /** Natural key, change drivers, type-1 attributes: what a source row provides. */
  readonly sourceColumns: readonly Scd2Column[];
  /** Staging table of the batch's rows (schema staging), when the entity names one. */
  readonly source?: string;
}

const KINDS: Readonly<Record<string, AttrKind>> = {
  text: 'text',
  varchar: 'text',
  'character varying': 'text',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  smallint: 'integer',
  int2: 'integer',
  bigint: 'integer',
  int8: 'integer',
  numeric: 'numeric',
  decimal: 'numeric',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
};

/** The class and the classes it extends (TypeORM keeps inherited columns on the base). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function inheritanceChain(entity: DimensionClass): Function[] {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const chain: Function[] = [];
  for (let t: unknown = entity; typeof t === 'function' && t !== Function.prototype;) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    chain.push(t as Function);
    t = Object.getPrototypeOf(t);
  }
  return chain;
}

const cache = new WeakMap<DimensionClass, Scd2Table>();

export function scd2TableOf(entity: DimensionClass): Scd2Table {
  const cached = cache.get(entity);
  if (cached) return cached;
  const meta = scd2MetadataOf(entity);
  const storage = getMetadataArgsStorage();
  const table = storage.tables.find((t) => t.target === entity);
  if (!table?.schema || !table.name) {
    throw new Error(`${entity.name} needs @Entity({ schema, name })`);
  }
  const types = new Map<string, string>();
  for (const column of storage.filterColumns(inheritanceChain(entity))) {
    const { type, precision, scale } = column.options;
    if (typeof type !== 'string') {
      throw new Error(`${entity.name}.${column.propertyName} needs an explicit SQL column type`);
    }
    const sqlType =
      precision !== undefined && precision !== null
        ? `${type}(${precision}${scale !== undefined && scale !== null ? `,${scale}` : ''})`
        : type;
    types.set(column.options.name ?? column.propertyName, sqlType);
  }
  const column = (name: string): Scd2Column => {
    const sqlType = types.get(name);
    if (!sqlType) throw new Error(`${entity.name}.${name} has no @Column mapping`);
    const kind = KINDS[sqlType.replace(/\(.*$/, '').toLowerCase()];
    if (!kind)
      throw new Error(`${entity.name}.${name}: type ${sqlType} cannot be an SCD2 attribute`);
    return { name, sqlType, kind };
  };
  if (!types.has(meta.surrogateKey)) {
    throw new Error(`${entity.name}.${meta.surrogateKey} has no @Column mapping`);
  }
  const naturalKey = meta.naturalKey.map(column);
  const changeDrivers = meta.changeDrivers.map(column);
  const type1 = meta.type1.map(column);
  const resolved: Scd2Table = {
    schema: table.schema,
    name: table.name,
    qualified: `${table.schema}.${table.name}`,
    surrogateKey: meta.surrogateKey,
    naturalKey,
    changeDrivers,
    type1,
    sourceColumns: [...naturalKey, ...changeDrivers, ...type1],
    ...(meta.source === undefined ? {} : { source: meta.source }),
  };
  cache.set(entity, resolved);
  return resolved;
}
