import { CubeQuery, QueryCubeService } from '../../src/application/query-cube/query-cube.service';
import { percentile, round, secondsSince } from './timing';

export interface NamedCubeQuery {
  readonly name: string;
  readonly query: CubeQuery;
}

/**
 * Questions an analyst typically asks (the examples of docs/marts-and-cube.md): slices and
 * dices answered from stored grouping sets, roll-ups to years (distinct members counted from
 * the base), a top-N, and one combination no stored set holds (answered from the base tables).
 */
export function typicalCubeQueries(month: string): NamedCubeQuery[] {
  return [
    {
      name: 'paid, pmpm by metal tier × month, state = TX',
      query: { measures: ['paid', 'pmpm'], by: ['metal_tier', 'month'], where: { state: ['TX'] } },
    },
    {
      name: 'paid, member months, pmpm, members by year × metal tier',
      query: { measures: ['paid', 'member_months', 'pmpm', 'members'], by: ['year', 'metal_tier'] },
    },
    {
      name: `claims, paid, pmpm by specialty, month = ${month}`,
      query: { measures: ['claims', 'paid', 'pmpm'], by: ['specialty'], where: { month: [month] } },
    },
    {
      name: 'top 10 states by paid, claims per 1000',
      query: { measures: ['paid', 'claims_per_1000'], by: ['state'], orderBy: '-paid', limit: 10 },
    },
    {
      name: 'premium, paid, mlr by plan × year',
      query: { measures: ['premium', 'paid', 'mlr'], by: ['plan_id', 'year'] },
    },
    {
      name: 'denial rate by claim type × month',
      query: { measures: ['denial_rate', 'claims'], by: ['claim_type', 'month'] },
    },
    {
      name: 'paid by 4 claim-side dimensions (no stored set: base tables)',
      query: {
        measures: ['paid', 'claims'],
        by: ['metal_tier', 'state', 'specialty', 'claim_type'],
      },
    },
  ];
}

export interface CubeQueryLatency {
  readonly name: string;
  /** Where the answer came from: stored grouping sets or the base tables. */
  readonly source: string;
  readonly rows: number;
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface CubeLatency {
  readonly queries: readonly CubeQueryLatency[];
  /** Over every timed run of every query. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Wall time of all timed runs, and the rows they returned. */
  readonly seconds: number;
  readonly rows: number;
}

/** Each query once to warm caches, then `runs` timed runs; latencies in milliseconds. */
export async function measureCubeLatency(
  cube: QueryCubeService,
  queries: readonly NamedCubeQuery[],
  runs: number,
): Promise<CubeLatency> {
  const all: number[] = [];
  const results: CubeQueryLatency[] = [];
  let seconds = 0;
  let rows = 0;
  for (const { name, query } of queries) {
    const first = await cube.query(query);
    const latencies: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      const result = await cube.query(query);
      const elapsed = secondsSince(started);
      seconds += elapsed;
      rows += result.rows.length;
      latencies.push(elapsed * 1000);
    }
    all.push(...latencies);
    results.push({
      name,
      source: first.source ?? 'cube',
      rows: first.rows.length,
      runs,
      p50Ms: round(percentile(latencies, 50), 2),
      p95Ms: round(percentile(latencies, 95), 2),
      maxMs: round(Math.max(...latencies), 2),
    });
  }
  return {
    queries: results,
    p50Ms: round(percentile(all, 50), 2),
    p95Ms: round(percentile(all, 95), 2),
    seconds,
    rows,
  };
}
