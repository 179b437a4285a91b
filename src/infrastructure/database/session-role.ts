import { Client } from 'pg';

/** Reads marts, dimensions, facts and audit tables; no personal columns, no writes (see the roles migration). */
export const ANALYST_ROLE = 'warehouse_analyst';

/**
 * How every session of a data source is restricted: run as `role` (when it exists) and in
 * read-only transactions. Readers such as the HTTP server use it, so a bug or an injected query
 * cannot read personal columns or write.
 */
export interface SessionRestriction {
  /** Role every session switches to; undefined keeps the login role. */
  readonly role?: string;
  /** Every transaction is read-only (`default_transaction_read_only`). */
  readonly readOnly?: boolean;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Role names end up in startup options and SET ROLE: plain lower-case identifiers only. */
export function assertRoleName(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`'${role}' is not a plain lower-case role name`);
  return role;
}

/** PostgreSQL startup options (`-c name=value`) that put each new session under `restriction`. */
export function sessionOptions(restriction: SessionRestriction = {}): string {
  const options = ['-c TimeZone=UTC'];
  if (restriction.role) options.push(`-c role=${assertRoleName(restriction.role)}`);
  if (restriction.readOnly) options.push('-c default_transaction_read_only=on');
  return options.join(' ');
}

/** The statements that put an open session (the embedded engine's only one) under `restriction`. */
export function sessionStatements(restriction: SessionRestriction): string[] {
  const statements: string[] = [];
  if (restriction.role) statements.push(`SET ROLE ${assertRoleName(restriction.role)}`);
  if (restriction.readOnly) statements.push('SET default_transaction_read_only = on');
  return statements;
}

export const ROLE_EXISTS_SQL = 'SELECT 1 FROM pg_roles WHERE rolname = $1';

/** Whether `role` exists on the server of `url` (roles are cluster-wide; migrations create them). */
export async function postgresRoleExists(url: string, role: string): Promise<boolean> {
  const client = new Client({ connectionString: url, application_name: 'aca-warehouse' });
  await client.connect();
  try {
    const result = await client.query(ROLE_EXISTS_SQL, [role]);
    return result.rows.length > 0;
  } finally {
    await client.end();
  }
}
