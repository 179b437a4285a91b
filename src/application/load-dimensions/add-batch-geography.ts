import { injectable } from 'tsyringe';
import { SqlSession } from '../ports/sql-database.port';
import { BATCH_GEOGRAPHY_PAIRS_SQL, INSERT_MISSING_GEOGRAPHY_SQL } from './batch-geography.sql';
import { DimensionLoadCounts } from './load-dimensions-result';

/** Keeps dim_geography holding every (state, region) pair the batch's members and providers use. */
@injectable()
export class AddBatchGeography {
  async add(tx: SqlSession, loadId: number): Promise<DimensionLoadCounts> {
    // A few hundred pairs at most: read them once, insert the missing ones in one statement.
    const pairs = await tx.query<{ state: string; region: string }>(BATCH_GEOGRAPHY_PAIRS_SQL, [
      loadId,
    ]);
    const inserted =
      pairs.length === 0
        ? 0
        : (
            await tx.execute(INSERT_MISSING_GEOGRAPHY_SQL, [
              pairs.map((p) => p.state),
              pairs.map((p) => p.region),
              loadId,
            ])
          ).rowCount;
    return {
      dimension: 'dim_geography',
      newKeys: inserted,
      changed: 0,
      unchanged: pairs.length - inserted,
      type1Updated: 0,
      inferredCompleted: 0,
      correctedInPlace: 0,
      inferred: 0,
    };
  }
}
