/** Month arithmetic on 'YYYY-MM-01' strings (UTC, no time-zone shifts). */

const MONTH = /^(\d{4})-(\d{2})-01$/;

export function addMonths(month: string, count: number): string {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a month (YYYY-MM-01): '${month}'`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Sorted, distinct months; throws on anything that is not a first-of-month date. */
export function normalizeMonths(months: Iterable<string>): string[] {
  const set = new Set<string>();
  for (const month of months) {
    addMonths(month, 0);
    set.add(month);
  }
  return [...set].sort();
}

/** Every month from `first` to `last`, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Half-open date ranges [from, to) covering runs of consecutive months. */
export function monthRanges(months: Iterable<string>): Array<{ from: string; to: string }> {
  const ranges: Array<{ from: string; to: string }> = [];
  for (const month of normalizeMonths(months)) {
    const last = ranges[ranges.length - 1];
    if (last && last.to === month) last.to = addMonths(month, 1);
    else ranges.push({ from: month, to: addMonths(month, 1) });
  }
  return ranges;
}

/**
 * The months whose rolling 12-month window a change in `touched` alters: each touched month
 * and the 11 after it, plus months the data horizon grew by, none after the horizon.
 */
export function rollingWindowTargets(
  touched: readonly string[],
  horizon: string | null,
  previousHorizon: string | null,
  firstMonth: string | null,
): string[] {
  if (horizon === null || firstMonth === null) return [];
  const targets = new Set<string>();
  for (const month of touched) {
    for (let k = 0; k < 12; k++) targets.add(addMonths(month, k));
  }
  const grownFrom = previousHorizon === null ? firstMonth : addMonths(previousHorizon, 1);
  for (const month of monthsBetween(grownFrom, horizon)) targets.add(month);
  return normalizeMonths([...targets].filter((m) => m <= horizon));
}
