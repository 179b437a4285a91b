import { inject, injectable } from 'tsyringe';
import { SqlSession } from '../ports/sql-database.port';

/** Calendar years warehouse.dim_date covers (inclusive). */
export interface DateDimensionRange {
  readonly firstYear: number;
  readonly lastYear: number;
}

/** The configuration's defaults (DIM_DATE_FIRST_YEAR / DIM_DATE_LAST_YEAR). */
export const DEFAULT_DATE_DIMENSION_RANGE: DateDimensionRange = { firstYear: 2015, lastYear: 2035 };

/** The configured range; the composition root binds it from AppConfig. */
export const DATE_DIMENSION_RANGE = Symbol('DateDimensionRange');

/**
 * Fills warehouse.dim_date for a range of years. Re-runnable: only missing days are added
 * (by `warehouse.populate_dim_date`), so a wider range later just extends the calendar.
 */
@injectable()
export class PopulateDateDimensionService {
  private readonly range: DateDimensionRange;

  constructor(@inject(DATE_DIMENSION_RANGE, { isOptional: true }) range?: DateDimensionRange) {
    this.range = range ?? DEFAULT_DATE_DIMENSION_RANGE;
  }

  /** Adds the missing days of `range` (default: the configured one); returns how many. */
  async populate(tx: SqlSession, range: DateDimensionRange = this.range): Promise<number> {
    const { firstYear, lastYear } = range;
    if (!Number.isInteger(firstYear) || !Number.isInteger(lastYear) || firstYear > lastYear) {
      throw new RangeError(
        `dim_date range must be whole years with first <= last, got ${firstYear}-${lastYear}`,
      );
    }
    const [row] = await tx.query<{ added: number }>(
      'SELECT warehouse.populate_dim_date($1::integer, $2::integer) AS added',
      [firstYear, lastYear],
    );
    return row?.added ?? 0;
  }
}
