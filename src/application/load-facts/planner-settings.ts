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
