import { SqlSession } from '../ports/sql-database.port';

/**
 * Settings for the claim key resolution, one bulk statement:
 * - no nested loops: the point-in-time joins must hash (a range join on the dimension table
 *   planned as a nested loop with Memoize took 34-38 s at 10M claims against 24 s hashed), and
 *   with statistics not yet fresh PGlite picked a quadratic nested-loop anti join;
 * - more work_mem (hash tables get twice that, hash_mem_multiplier): the hash tables (1M claim
 *   ids for the duplicate check, the member versions) and the service-date sort then stay in
 *   memory instead of spilling in batches (default 4MB).
 */
export const KEY_RESOLUTION_SETTINGS: Readonly<Record<string, string>> = {
  enable_nestloop: 'off',
  work_mem: '64MB',
};

/**
 * Runs `work` (one statement) with `settings` applied, then restores the previous values.
 * Not restored in `finally`: a failed statement aborts the batch transaction, and the settings
 * (transaction-local) go with it.
 */
export async function withSettings<T>(
  tx: SqlSession,
  settings: Readonly<Record<string, string>>,
  work: () => Promise<T>,
): Promise<T> {
  const previous: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings)) {
    const [row] = await tx.query<{ value: string }>(`SELECT current_setting($1) AS value`, [name]);
    previous[name] = row.value;
    await tx.query(`SELECT set_config($1, $2, true)`, [name, value]);
  }
  const result = await work();
  for (const [name, value] of Object.entries(previous))
    await tx.query(`SELECT set_config($1, $2, true)`, [name, value]);
  return result;
}
