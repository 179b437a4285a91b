import { expect } from 'chai';
import { LoadDimensionsResult } from '../../../src/application/load-dimensions/load-dimensions-result';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import { Logger } from '../../../src/application/ports/logger.port';
import {
  LOAD_DIMENSIONS,
  LoadDimensionsStage,
} from '../../../src/application/ports/pipeline-stages.port';
import { AppConfig } from '../../../src/infrastructure/config/app-config';
import { buildContainer } from '../../../src/infrastructure/di/container';
import { describeOnEngines } from '../../support/test-database';
import { batchContext } from './staged-rows';

const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silent,
};

describeOnEngines('dimension stage from the container', (t) => {
  it('resolves with one repository per SCD2 entity and the configured dim_date range', async () => {
    const config = Object.assign(new AppConfig(), {
      DIM_DATE_FIRST_YEAR: 2014,
      DIM_DATE_LAST_YEAR: 2036,
    });
    const scope = buildContainer({
      config,
      target: t.target,
      database: { dataSource: t.dataSource, db: t.db },
      logger: silent,
    });
    const stage = scope.resolve<LoadDimensionsStage>(LOAD_DIMENSIONS);
    expect(stage).to.be.instanceOf(LoadDimensionsService);
    const result = (await t.db.transaction((tx) =>
      stage.load(tx, batchContext(1, '2024-01-01T00:00:00Z')),
    )) as LoadDimensionsResult;
    // 2014 and 2036 (a leap year) were outside the migration's 2015-2035.
    expect(result.datesAdded).to.equal(365 + 366);
    expect(result.dimensions.map((d) => d.dimension)).to.deep.equal([
      'dim_geography',
      'dim_member',
      'dim_plan',
      'dim_provider',
      'dim_enrollment',
    ]);
    const [range] = await t.db.query(
      `SELECT min(full_date) AS first, max(full_date) AS last, count(*) AS days FROM warehouse.dim_date`,
    );
    expect(range).to.deep.equal({ first: '2014-01-01', last: '2036-12-31', days: 8401 });
  });
});
