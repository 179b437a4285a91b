/**
 * The only identifiers a data-quality check may name: lower-case snake_case, so that nothing
 * declared in a check can break out of the quoted identifier the compiler builds from it.
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export class InvalidCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCheckError';
  }
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** `name` as a quoted SQL identifier, after checking it against `^[a-z_][a-z0-9_]*$`. */
export function quoteIdentifier(name: string): string {
  if (!isIdentifier(name)) {
    throw new InvalidCheckError(
      `'${name}' is not a valid identifier (expected ^[a-z_][a-z0-9_]*$)`,
    );
  }
  return `"${name}"`;
}

export interface TableName {
  readonly schema: string;
  readonly table: string;
}

/** Splits and validates `schema.table`. */
export function parseTableName(qualified: string): TableName {
  const parts = qualified.split('.');
  if (parts.length !== 2 || !parts.every(isIdentifier)) {
    throw new InvalidCheckError(
      `'${qualified}' is not a valid table name (expected schema.table, each ^[a-z_][a-z0-9_]*$)`,
    );
  }
  return { schema: parts[0]!, table: parts[1]! };
}

/** `schema.table` quoted as `"schema"."table"`. */
export function quoteTable(qualified: string): string {
  const { schema, table } = parseTableName(qualified);
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/**
 * A `where` or `predicate` fragment is trusted SQL from the catalogue, but it must stay one
 * expression: no statement separator and no comment that could swallow the rest of the query.
 */
export function assertSqlFragment(fragment: string, what: string): string {
  if (fragment.trim() === '' || /;|--|\/\*/.test(fragment)) {
    throw new InvalidCheckError(
      `${what} must be a single SQL expression without ';' or comments: ${fragment}`,
    );
  }
  return fragment.trim();
}
