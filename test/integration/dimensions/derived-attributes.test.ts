import { expect } from 'chai';
import { ageGroupAt, fplBandOf } from '../../../src/domain/aca';
import { bindNamed } from '../../../src/infrastructure/persistence/named-params';
import {
  AGE_GROUP_AT_AS_OF_SQL,
  FPL_BAND_SQL,
} from '../../../src/infrastructure/persistence/scd2-staging-bindings';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('derived member attributes: SQL agrees with the domain rules', (t) => {
  it('age_group at the as_of, around every band edge and 29 February', async () => {
    const asOfs = ['2024-02-28', '2024-02-29', '2024-03-01', '2023-02-28', '2023-03-01'];
    for (const asOf of asOfs) {
      const values = { as_of_ymd: Number(asOf.replaceAll('-', '')) };
      const bound = bindNamed(
        `SELECT to_char(s.dob, 'YYYY-MM-DD') AS dob, ${AGE_GROUP_AT_AS_OF_SQL} AS age_group
           FROM (SELECT (date '${asOf}' - make_interval(years => y) + d * interval '1 day')::date AS dob
                   FROM generate_series(0, 70) AS y, generate_series(-2, 2) AS d
                 UNION ALL SELECT date '2000-02-29'
                 UNION ALL SELECT date '2030-01-01'
                 UNION ALL SELECT NULL) s`,
        values,
      );
      const rows = await t.db.query<{ dob: string | null; age_group: string | null }>(
        bound.sql,
        bound.params,
      );
      expect(rows.length).to.be.greaterThan(350);
      for (const row of rows) {
        const expected = row.dob === null ? null : ageGroupAt(row.dob, asOf);
        expect(row.age_group, `${row.dob} at ${asOf}`).to.equal(expected);
      }
    }
  });

  it('fpl_band for every ratio from 0 to 5 in steps of 0.001', async () => {
    const rows = await t.db.query<{ ratio: string; band: string | null }>(
      `SELECT s.fpl_ratio::text AS ratio, ${FPL_BAND_SQL} AS band
         FROM (SELECT (g / 1000.0)::numeric(6,3) AS fpl_ratio FROM generate_series(0, 5000) g
               UNION ALL SELECT NULL) s`,
    );
    expect(rows).to.have.length(5002);
    for (const row of rows) {
      expect(row.band, row.ratio).to.equal(
        row.ratio === null ? null : fplBandOf(Number(row.ratio)),
      );
    }
  });
});
