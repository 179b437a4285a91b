/**
 * SCD2 metadata of a dimension class: which columns are the surrogate key, the natural key, the
 * change drivers (hashed; a change makes a new version) and the type-1 attributes (overwritten
 * in place on the current version). Property names are the column names. The generic SCD2
 * repository reads nothing else, so a new dimension is an annotated class, not new merge code.
 */
export type Scd2Role = 'surrogateKey' | 'naturalKey' | 'changeDriver' | 'type1';

export interface Scd2DimensionOptions {
  /**
   * Staging table (in schema `staging`) holding the batch's rows of this dimension, with
   * columns named like the dimension's; adapters may override how each column is read.
   */
  readonly source?: string;
}

export interface Scd2Metadata {
  readonly surrogateKey: string;
  /** Natural key columns in declaration order. */
  readonly naturalKey: readonly string[];
  /**
   * Change drivers in hash order: sorted by column name, so reordering properties in the class
   * never changes a hash (adding or removing a driver does: see docs/scd2.md).
   */
  readonly changeDrivers: readonly string[];
  /** Type-1 attributes in declaration order. */
  readonly type1: readonly string[];
  readonly source?: string;
}

/** Any class (dimension entities have no constructor parameters, but base classes may). */
export type DimensionClass = abstract new (...args: never[]) => object;

const ROLES = new WeakMap<object, Map<string, Scd2Role>>();
const DIMENSIONS = new WeakMap<object, Scd2Metadata>();

const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

function markProperty(role: Scd2Role): PropertyDecorator {
  return (prototype, property) => {
    if (typeof property !== 'string' || !COLUMN_NAME.test(property)) {
      throw new Error(`SCD2 column '${String(property)}' must be a lower-case SQL column name`);
    }
    const owner = prototype.constructor;
    const roles = ROLES.get(owner) ?? new Map<string, Scd2Role>();
    const earlier = roles.get(property);
    if (earlier && earlier !== role) {
      throw new Error(`${owner.name}.${property} is marked both ${earlier} and ${role}`);
    }
    roles.set(property, role);
    ROLES.set(owner, roles);
  };
}

/** Roles declared on the class and the classes it extends (base first). */
function rolesOf(target: object): Map<string, Scd2Role> {
  const chain: object[] = [];
  for (let t: unknown = target; typeof t === 'function' && t !== Function.prototype;) {
    chain.unshift(t);
    t = Object.getPrototypeOf(t);
  }
  const merged = new Map<string, Scd2Role>();
  for (const t of chain) for (const [name, role] of ROLES.get(t) ?? []) merged.set(name, role);
  return merged;
}

/** The versioned surrogate key (`<x>_sk`), one per dimension. */
export const SurrogateKey = (): PropertyDecorator => markProperty('surrogateKey');
/** Part of the natural (business) key; NOT NULL in every source row. */
export const NaturalKey = (): PropertyDecorator => markProperty('naturalKey');
/** Hashed into `attr_hash`: a different value starts a new version. */
export const ChangeDriver = (): PropertyDecorator => markProperty('changeDriver');
/** Overwritten in place on the current version; history keeps the value it had. */
export const Type1 = (): PropertyDecorator => markProperty('type1');

/**
 * Marks a class as an SCD2 dimension and validates its column roles (property decorators run
 * before class decorators, so every role is known here).
 */
export function Scd2Dimension(options: Scd2DimensionOptions = {}): ClassDecorator {
  return (target) => {
    const roles = rolesOf(target);
    const named = (role: Scd2Role): string[] =>
      [...roles].filter(([, r]) => r === role).map(([name]) => name);
    const surrogate = named('surrogateKey');
    const naturalKey = named('naturalKey');
    const changeDrivers = named('changeDriver').sort();
    if (surrogate.length !== 1) {
      throw new Error(
        `${target.name} needs exactly one @SurrogateKey(), found ${surrogate.length}`,
      );
    }
    if (naturalKey.length === 0) throw new Error(`${target.name} needs a @NaturalKey() column`);
    if (changeDrivers.length === 0)
      throw new Error(`${target.name} needs a @ChangeDriver() column`);
    if (options.source !== undefined && !COLUMN_NAME.test(options.source)) {
      throw new Error(`${target.name}: source '${options.source}' must be a staging table name`);
    }
    DIMENSIONS.set(target, {
      surrogateKey: surrogate[0] as string,
      naturalKey,
      changeDrivers,
      type1: named('type1'),
      ...(options.source === undefined ? {} : { source: options.source }),
    });
  };
}

export function isScd2Dimension(target: DimensionClass): boolean {
  return DIMENSIONS.has(target);
}

export function scd2MetadataOf(target: DimensionClass): Scd2Metadata {
  const metadata = DIMENSIONS.get(target);
  if (!metadata) throw new Error(`${target.name} is not an @Scd2Dimension() class`);
  return metadata;
}
