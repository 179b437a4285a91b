/**
 * The continuous-coverage rule of warehouse.fact_enrollment, in plain TypeScript: the
 * specification the SQL (gaps and islands) is checked against, and a reference for readers.
 * Spans of one member and plan that overlap or touch (next start = previous end + 1 day) form
 * one period; an open span (no end) covers up to the as_of date for counting.
 */
export interface CoverageSpan {
  readonly planId: string;
  /** 'YYYY-MM-DD'. */
  readonly startDate: string;
  /** 'YYYY-MM-DD' inclusive; null while covered. */
  readonly endDate: string | null;
  readonly premiumCents: number;
}

export interface CoveragePeriod {
  readonly planId: string;
  readonly startDate: string;
  readonly endDate: string | null;
  /** Inclusive; an open period counts up to as_of, 0 if it starts later. */
  readonly coverageDays: number;
  /** Covered days / days in each month, summed (unrounded). */
  readonly memberMonths: number;
  readonly premiumCents: number;
  readonly spanCount: number;
}

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Member months of the covered days [first, last] (day numbers, inclusive). */
export function memberMonths(firstDay: number, lastDay: number): number {
  let total = 0;
  let day = firstDay;
  while (day <= lastDay) {
    const date = new Date(day * DAY_MS);
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS;
    const until = Math.min(lastDay, nextMonth - 1);
    total += (until - day + 1) / (nextMonth - monthStart);
    day = until + 1;
  }
  return total;
}

/** The coverage periods of one member's spans, ordered by plan and start. */
export function coveragePeriods(
  spans: readonly CoverageSpan[],
  asOfDate: string,
): CoveragePeriod[] {
  const asOf = dayNumber(asOfDate);
  const sorted = [...spans].sort(
    (a, b) =>
      a.planId.localeCompare(b.planId) ||
      dayNumber(a.startDate) - dayNumber(b.startDate) ||
      (a.endDate === null ? Infinity : dayNumber(a.endDate)) -
        (b.endDate === null ? Infinity : dayNumber(b.endDate)),
  );
  const periods: Array<{
    planId: string;
    start: number;
    reach: number;
    premium: number;
    spans: number;
  }> = [];
  for (const span of sorted) {
    const start = dayNumber(span.startDate);
    const reach = span.endDate === null ? Infinity : dayNumber(span.endDate);
    const last = periods[periods.length - 1];
    if (last && last.planId === span.planId && start - 1 <= last.reach) {
      last.reach = Math.max(last.reach, reach);
      last.premium += span.premiumCents;
      last.spans += 1;
    } else {
      periods.push({ planId: span.planId, start, reach, premium: span.premiumCents, spans: 1 });
    }
  }
  return periods.map((p) => {
    const coveredTo = p.reach === Infinity ? asOf : p.reach;
    return {
      planId: p.planId,
      startDate: isoDate(p.start),
      endDate: p.reach === Infinity ? null : isoDate(p.reach),
      coverageDays: Math.max(coveredTo - p.start + 1, 0),
      memberMonths: memberMonths(p.start, coveredTo),
      premiumCents: p.premium,
      spanCount: p.spans,
    };
  });
}
