import { inject, injectable } from 'tsyringe';
import { RefreshMartsStage } from '../ports/pipeline-stages.port';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import { MartsResult } from '../run-pipeline/stage-results';
import {
  DELETE_CLAIMS_DAILY_MEMBER,
  DELETE_CUBE_CLAIMS_BASE,
  INSERT_CLAIMS_DAILY_MEMBER,
  INSERT_CUBE_CLAIMS_BASE,
} from './claim-marts.sql';
import {
  APPLY_COVERAGE_DELTA,
  DELETE_CLAIMS_CUBE,
  DELETE_EMPTY_CELLS,
  CREATE_COVERAGE_CELLS,
  DELETE_WHOLE_CLAIMS_CUBE,
  DROP_COVERAGE_CELLS,
  INSERT_CLAIMS_CUBE,
  INSERT_CLAIMS_CUBE_FROM_COVERAGE_CELLS,
} from './claims-cube.sql';
import {
  CHANGED_COVERAGE_MONTHS,
  CREATE_NEW_COVERAGE,
  CREATE_OLD_COVERAGE,
  CREATE_TOUCHED_MEMBERS,
  DELETE_TOUCHED_COVERAGE,
  DROP_WORK_TABLES,
  INSERT_ALL_COVERAGE,
  INSERT_NEW_COVERAGE,
  TOUCHED_MEMBER_SHARE,
} from './coverage-base.sql';
import {
  CLAIM_MONTH_SPAN,
  DELETE_HIGH_COST,
  HIGH_COST_HORIZON,
  INSERT_HIGH_COST,
  SLIDE_HIGH_COST,
} from './high-cost.sql';
import {
  MART_MATERIALIZED_VIEWS,
  MATVIEWS_POPULATED,
  UPDATE_HIGH_COST_THRESHOLD,
} from './mart-views';
import { withSettings } from '../shared/with-settings';
import { withIndexesDeferred } from '../shared/with-indexes-deferred';
import {
  addMonths,
  monthRanges,
  monthsBetween,
  normalizeMonths,
  rollingWindowTargets,
} from './month-ranges';

/** Settings the marts read from configuration; bound by the composition root. */
export interface MartsSettings {
  /** Rolling 12-month paid (USD) above which a member is high cost (HIGH_COST_THRESHOLD). */
  readonly highCostThreshold: number;
  /**
   * Share of the enrolled members an incremental batch must touch for the coverage base and
   * the cube to be rebuilt instead of maintained by member delta (default 0.5): rewriting,
   * diffing and applying the rows of most members costs more than rebuilding them all.
   */
  readonly coverageRebuildShare?: number;
}

const DEFAULT_COVERAGE_REBUILD_SHARE = 0.5;

/** How the coverage step left the coverage base. */
interface CoverageOutcome {
  /** Rebuilt whole: the cube must be rebuilt too. */
  readonly rebuilt: boolean;
  /** Maintained by member: the months whose rows changed. */
  readonly changedMonths: string[];
}
export const MARTS_SETTINGS = Symbol('MartsSettings');

type Step = MartsResult['refreshed'][number];
type Mode = Step['mode'];

const ALL_TIME = { from: '-infinity', to: 'infinity' } as const;

/**
 * Planner settings of the refresh: the month-sized sorts, windows and hash aggregates of the
 * cube and the rolling window stay in memory instead of spilling at the default 4MB, and JIT
 * (which compiles these wide expressions for longer than it saves) is off.
 */
const MARTS_PLANNER_SETTINGS: Readonly<Record<string, string>> = {
  jit: 'off',
  work_mem: '256MB',
};

const CUBE_MONTHS = `
  SELECT to_char(month, 'YYYY-MM-DD') AS month
    FROM (SELECT DISTINCT month FROM mart.cube_claims_base
          UNION
          SELECT DISTINCT month FROM mart.cube_coverage_base) m
   ORDER BY 1`;

/** The incrementally maintained tables, emptied by a full rebuild. */
const TRUNCATE_MAINTAINED_TABLES = `
  TRUNCATE mart.claims_daily_member, mart.cube_claims_base, mart.cube_coverage_base,
           mart.claims_cube, mart.high_cost_member_month`;

/**
 * The marts stage of a load batch, run inside the batch transaction so a failed batch leaves
 * the published marts as they were. A full load rebuilds everything; an incremental batch
 * rewrites the claim-side tables for the months it touched, the coverage base for the members
 * it touched, the cube for both sets of months and the rolling window for the touched months
 * and the 11 after; then the small materialized views refresh CONCURRENTLY from the cube.
 */
@injectable()
export class RefreshMartsService implements RefreshMartsStage {
  constructor(
    @inject(MARTS_SETTINGS, { isOptional: true }) private readonly settings?: MartsSettings,
  ) {}

  async refresh(
    tx: SqlSession,
    ctx: BatchContext,
    touchedMonths: readonly string[],
  ): Promise<MartsResult> {
    return withSettings(tx, MARTS_PLANNER_SETTINGS, () => this.refreshAll(tx, ctx, touchedMonths));
  }

  private async refreshAll(
    tx: SqlSession,
    ctx: BatchContext,
    touchedMonths: readonly string[],
  ): Promise<MartsResult> {
    const full = ctx.mode === 'full';
    const mode: Mode = full ? 'full' : 'incremental';
    const touched = normalizeMonths(touchedMonths);
    const steps: Step[] = [];
    // A function stepMode is read after the work: a step may find it has to rebuild.
    const timed = async <R>(
      name: string,
      stepMode: Mode | (() => Mode),
      work: () => Promise<R>,
    ): Promise<R> => {
      const started = process.hrtime.bigint();
      const result = await work();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const stepModeNow = typeof stepMode === 'function' ? stepMode() : stepMode;
      steps.push({ name, seconds: Math.round(seconds * 1000) / 1000, mode: stepModeNow });
      return result;
    };

    if (this.settings) {
      await tx.execute(UPDATE_HIGH_COST_THRESHOLD, [this.settings.highCostThreshold]);
    }
    // A full rebuild empties the tables at once (TRUNCATE holds its lock until the batch
    // commits, which is fine on a first load or a --reset).
    if (full) await tx.execute(TRUNCATE_MAINTAINED_TABLES);
    const claimRanges = full ? [ALL_TIME] : monthRanges(touched);
    // After a TRUNCATE the tables are empty and locked: their indexes are built after the rows.
    const filling = <R>(table: string, truncated: boolean, work: () => Promise<R>): Promise<R> =>
      truncated ? withIndexesDeferred(tx, table, work) : work();
    await timed('mart.claims_daily_member', mode, () =>
      filling('mart.claims_daily_member', full, () =>
        this.rewrite(tx, claimRanges, DELETE_CLAIMS_DAILY_MEMBER, INSERT_CLAIMS_DAILY_MEMBER, {
          analyze: 'mart.claims_daily_member',
        }),
      ),
    );
    await timed('mart.cube_claims_base', mode, () =>
      filling('mart.cube_claims_base', full, () =>
        this.rewrite(tx, claimRanges, DELETE_CUBE_CLAIMS_BASE, INSERT_CUBE_CLAIMS_BASE, {
          analyze: 'mart.cube_claims_base',
        }),
      ),
    );
    // On an error the batch rolls back, and the work tables with it.
    let coverage: CoverageOutcome = { rebuilt: full, changedMonths: [] };
    const rebuiltMode = (): Mode => (coverage.rebuilt ? 'full' : 'incremental');
    await timed('mart.cube_coverage_base', rebuiltMode, async () => {
      if (full)
        await withIndexesDeferred(tx, 'mart.cube_coverage_base', () =>
          tx.execute(INSERT_ALL_COVERAGE),
        );
      else coverage = await this.updateCoverage(tx, ctx.loadId);
      await tx.execute(`ANALYZE mart.cube_coverage_base`);
    });
    // Months with changed claims are recomputed whole; months where only coverage changed
    // take the member-side difference.
    const deltaMonths = coverage.changedMonths.filter((m) => !touched.includes(m));
    await timed('mart.claims_cube', rebuiltMode, async () => {
      if (coverage.rebuilt) {
        // A full load truncated the cube; an incremental one deletes it (readers keep the
        // committed cube meanwhile). Month by month: each statement's member-flag windows
        // and hash aggregates then fit in work_mem instead of spilling to disk.
        if (!full) await tx.execute(DELETE_WHOLE_CLAIMS_CUBE);
        await tx.execute(DROP_COVERAGE_CELLS);
        await tx.execute(CREATE_COVERAGE_CELLS);
        await filling('mart.claims_cube', full, async () => {
          for (const month of await this.cubeMonths(tx)) {
            await tx.execute(INSERT_CLAIMS_CUBE_FROM_COVERAGE_CELLS, [month, addMonths(month, 1)]);
          }
        });
        await tx.execute(DROP_COVERAGE_CELLS);
        return;
      }
      await this.rewrite(tx, monthRanges(touched), DELETE_CLAIMS_CUBE, INSERT_CLAIMS_CUBE);
      if (deltaMonths.length > 0) {
        await tx.execute(APPLY_COVERAGE_DELTA, [deltaMonths]);
        await tx.execute(DELETE_EMPTY_CELLS, [deltaMonths]);
      }
    });
    if (!full) await tx.execute(DROP_WORK_TABLES);
    const cubeChanged = coverage.rebuilt || touched.length > 0 || coverage.changedMonths.length > 0;
    await timed('mart.high_cost_member_month', mode, () =>
      filling('mart.high_cost_member_month', full, () => this.refreshHighCost(tx, full, touched)),
    );
    if (cubeChanged) {
      const populated = await this.populatedViews(tx);
      for (const view of MART_MATERIALIZED_VIEWS) {
        // CONCURRENTLY keeps the view readable meanwhile but needs it populated; plain
        // REFRESH is faster on a first load, when nobody reads it yet.
        const concurrently = !full && populated.has(view);
        await timed(view, 'full', () =>
          tx.execute(`REFRESH MATERIALIZED VIEW ${concurrently ? 'CONCURRENTLY ' : ''}${view}`),
        );
      }
    }
    ctx.logger.info('marts refreshed', {
      mode,
      touched_months: touched.length,
      cube_months: coverage.rebuilt
        ? 'all'
        : normalizeMonths([...touched, ...coverage.changedMonths]).length,
      seconds: Math.round(steps.reduce((s, x) => s + x.seconds, 0) * 1000) / 1000,
    });
    return { refreshed: steps };
  }

  /**
   * Deletes and re-inserts each [from, to) date range; one set-based statement each. With
   * `analyze`, refreshes that table's statistics afterwards: the statements that read it next
   * (the rolling window's range scans, the cube's month-sized hash tables) then plan with real
   * counts.
   */
  private async rewrite(
    tx: SqlSession,
    ranges: ReadonlyArray<{ from: string; to: string }>,
    deleteSql: string,
    insertSql: string,
    options: { readonly analyze?: string } = {},
  ): Promise<void> {
    for (const { from, to } of ranges) {
      await tx.execute(deleteSql, [from, to]);
      await tx.execute(insertSql, [from, to]);
    }
    if (options.analyze) await tx.execute(`ANALYZE ${options.analyze}`);
  }

  /**
   * Rewrites the touched members' rows and returns the months whose rows actually changed;
   * the work tables (touched members, their old and new rows) stay for the cube's delta. When
   * the batch touched most members, rebuilds the whole base instead. TRUNCATE holds its lock
   * until the batch commits: queries of the base tables wait for the batch meanwhile.
   */
  private async updateCoverage(tx: SqlSession, loadId: number): Promise<CoverageOutcome> {
    await tx.execute(DROP_WORK_TABLES);
    await tx.execute(CREATE_TOUCHED_MEMBERS, [loadId]);
    const [share] = await tx.query<{ touched: number; members: number }>(TOUCHED_MEMBER_SHARE);
    const rebuildShare = this.settings?.coverageRebuildShare ?? DEFAULT_COVERAGE_REBUILD_SHARE;
    if (share && share.touched > 0 && share.touched >= rebuildShare * share.members) {
      await tx.execute(`TRUNCATE mart.cube_coverage_base`);
      await withIndexesDeferred(tx, 'mart.cube_coverage_base', () =>
        tx.execute(INSERT_ALL_COVERAGE),
      );
      return { rebuilt: true, changedMonths: [] };
    }
    await tx.execute(CREATE_NEW_COVERAGE);
    await tx.execute(CREATE_OLD_COVERAGE);
    const changed = await tx.query<{ month: string }>(CHANGED_COVERAGE_MONTHS);
    await tx.execute(DELETE_TOUCHED_COVERAGE);
    await tx.execute(INSERT_NEW_COVERAGE);
    return { rebuilt: false, changedMonths: changed.map((r) => r.month) };
  }

  private async refreshHighCost(
    tx: SqlSession,
    full: boolean,
    touched: readonly string[],
  ): Promise<void> {
    const [span] = await tx.query<{ first_month: string | null; last_month: string | null }>(
      CLAIM_MONTH_SPAN,
    );
    const first = span?.first_month ?? null;
    const horizon = span?.last_month ?? null;
    const [previous] = full
      ? [{ last_month: null }]
      : await tx.query<{ last_month: string | null }>(HIGH_COST_HORIZON);
    const targets =
      full && first !== null && horizon !== null
        ? monthsBetween(first, horizon)
        : rollingWindowTargets(touched, horizon, previous?.last_month ?? null, first);
    await tx.execute(DELETE_HIGH_COST, [targets, horizon ?? '-infinity']);
    // The first target of a run of consecutive months sums its whole window; each next one
    // slides the window of the month before, written just now.
    let written: string | null = null;
    for (const target of targets) {
      const slides = written !== null && addMonths(written, 1) === target;
      await tx.execute(slides ? SLIDE_HIGH_COST : INSERT_HIGH_COST, [target]);
      written = target;
    }
  }

  /** Every month either base table has, for a full rebuild of the cube. */
  private async cubeMonths(tx: SqlSession): Promise<string[]> {
    const rows = await tx.query<{ month: string }>(CUBE_MONTHS);
    return rows.map((r) => r.month);
  }

  private async populatedViews(tx: SqlSession): Promise<Set<string>> {
    const rows = await tx.query<{ name: string; ispopulated: boolean }>(MATVIEWS_POPULATED);
    return new Set(rows.filter((r) => r.ispopulated).map((r) => r.name));
  }
}
