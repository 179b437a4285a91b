/**
 * Turns `:name` placeholders into `$1…$n` (numbered by first appearance) with their values, so
 * composed SQL only binds the parameters it uses (PostgreSQL cannot type an unused `$n`).
 * Casts (`::text`) are left alone; only names present in `values` are replaced.
 */
export function bindNamed(
  sql: string,
  values: Readonly<Record<string, unknown>>,
): { sql: string; params: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-z_][a-z0-9_]*)/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) return whole;
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { sql: text, params: order.map((name) => values[name]) };
}
