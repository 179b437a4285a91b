import { expect } from 'chai';
import { CheckQualityService } from '../../../src/application/check-quality/check-quality.service';
import { QualityRun } from '../../../src/application/check-quality/quality-run';
import {
  CHECK_QUALITY,
  CheckQualityStage,
} from '../../../src/application/ports/pipeline-stages.port';
import { QUALITY_CHECKS } from '../../../src/domain/data-quality/checks.catalog';
import { AppConfig } from '../../../src/infrastructure/config/app-config';
import { buildContainer } from '../../../src/infrastructure/di/container';
import { describeOnEngines } from '../../support/test-database';
import { silentLogger } from './quality-test-kit';

describeOnEngines('data-quality stage from the container', (t) => {
  it('resolves CHECK_QUALITY to CheckQualityService running the catalogue', async () => {
    const scope = buildContainer({
      config: new AppConfig(),
      target: t.target,
      database: { dataSource: t.dataSource, db: t.db },
      logger: silentLogger,
    });
    const stage = scope.resolve<CheckQualityStage<QualityRun>>(CHECK_QUALITY);
    expect(stage).to.be.instanceOf(CheckQualityService);
    const run = await t.db.transaction((tx) => stage.run(tx, { loadId: 1 }));
    expect(run.results.map((r) => r.name)).to.deep.equal(QUALITY_CHECKS.map((c) => c.name));
    expect(run.summary.errorFailures).to.deep.equal([]);
  });
});
