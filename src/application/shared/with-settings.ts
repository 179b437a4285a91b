import { SqlSession } from '../ports/sql-database.port';

/**
 * Runs `work` with the planner `settings` applied (transaction-local), then restores the previous values.
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
