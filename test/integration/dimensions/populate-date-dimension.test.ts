import { expect } from 'chai';
import { PopulateDateDimensionService } from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('dim_date population', (t) => {
  it('adds only the missing days of a range and can be run again', async () => {
    const service = new PopulateDateDimensionService({ firstYear: 2014, lastYear: 2015 });
    expect(await t.db.transaction((tx) => service.populate(tx))).to.equal(365);
    expect(await t.db.transaction((tx) => service.populate(tx))).to.equal(0);
    expect(
      await t.db.transaction((tx) => service.populate(tx, { firstYear: 2036, lastYear: 2036 })),
    ).to.equal(366);
    const [day] = await t.db.query(
      `SELECT date_key, year, quarter, month, month_name, day_of_week, day_name, iso_week,
              iso_year, is_weekend, year_month, month_start
         FROM warehouse.dim_date WHERE full_date = '2036-02-29'`,
    );
    expect(day).to.deep.equal({
      date_key: 20360229,
      year: 2036,
      quarter: 1,
      month: 2,
      month_name: 'February',
      day_of_week: 5,
      day_name: 'Friday',
      iso_week: 9,
      iso_year: 2036,
      is_weekend: false,
      year_month: '2036-02',
      month_start: '2036-02-01',
    });
  });

  it('defaults to 2015-2035, which the migration already filled', async () => {
    const service = new PopulateDateDimensionService();
    expect(await t.db.transaction((tx) => service.populate(tx))).to.equal(0);
    const [range] = await t.db.query(
      `SELECT count(*) AS days FROM warehouse.dim_date WHERE year BETWEEN 2015 AND 2035`,
    );
    expect(range).to.deep.equal({ days: 7670 });
  });

  it('refuses a range that ends before it starts', async () => {
    const service = new PopulateDateDimensionService();
    let message = '';
    try {
      await t.db.transaction((tx) => service.populate(tx, { firstYear: 2030, lastYear: 2020 }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal(
      'dim_date range must be whole years with first <= last, got 2030-2020',
    );
  });
});
