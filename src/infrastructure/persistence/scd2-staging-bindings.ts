import { DimensionClass } from '../../domain/scd2';
import { AGE_GROUPS } from '../../domain/seed-contract';
import { DimMember, DimPlan, DimProvider } from '../../domain/warehouse';
import { Scd2StagingBinding } from './scd2-staging-binding';

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * Age band at the batch as_of (src/domain/aca/age-group.ts `ageGroupAt`): completed years are
 * (YYYYMMDD(as_of) - YYYYMMDD(dob)) / 10000, so a 29 February birthday counts on 1 March.
 */
export const AGE_GROUP_AT_AS_OF_SQL = `(ARRAY[${quoted(AGE_GROUPS)}])[
             width_bucket((:as_of_ymd::integer - to_char(s.dob, 'YYYYMMDD')::integer) / 10000,
                          ARRAY[18, 26, 35, 45, 55, 65]) + 1]`;

/** FPL band (src/domain/aca/fpl-bands.ts `fplBandOf`): each band includes its upper edge. */
export const FPL_BAND_SQL = `CASE
           WHEN s.fpl_ratio IS NULL THEN NULL
           WHEN s.fpl_ratio < 1.0 THEN '<100%'
           WHEN s.fpl_ratio <= 1.5 THEN '100-150%'
           WHEN s.fpl_ratio <= 2.0 THEN '150-200%'
           WHEN s.fpl_ratio <= 2.5 THEN '200-250%'
           WHEN s.fpl_ratio <= 3.0 THEN '250-300%'
           WHEN s.fpl_ratio <= 4.0 THEN '300-400%'
           ELSE '400%+'
         END`;

/** Members: derived age band, FPL band and geography; referenced by claims and enrollments. */
const MEMBER: Scd2StagingBinding = {
  // dim_geography already holds every (state, region) of the batch (the stage adds them first).
  from: `staging.members s
    LEFT JOIN warehouse.dim_geography g ON g.state = s.state AND g.region = s.region`,
  expressions: {
    age_group: `coalesce(s.age_group, ${AGE_GROUP_AT_AS_OF_SQL})`,
    fpl_band: FPL_BAND_SQL,
    geography_sk: 'g.geography_sk',
  },
  references: `SELECT member_id FROM staging.claims WHERE load_id = :load_id::bigint
   UNION
  SELECT member_id FROM staging.enrollments WHERE load_id = :load_id::bigint`,
};

/** Plans: a claim needs the plan of its service year, an enrollment that of its start year. */
const PLAN: Scd2StagingBinding = {
  from: 'staging.plans s',
  references: `SELECT plan_id, extract(year FROM service_date)::integer AS effective_year
    FROM staging.claims WHERE load_id = :load_id::bigint
   UNION
  SELECT plan_id, extract(year FROM start_date)::integer AS effective_year
    FROM staging.enrollments WHERE load_id = :load_id::bigint`,
};

const PROVIDER: Scd2StagingBinding = {
  from: 'staging.providers s',
  references: 'SELECT provider_id FROM staging.claims WHERE load_id = :load_id::bigint',
};

/**
 * Dimensions whose staging read differs from the default (the entity's `source` table column
 * for column, referenced by no fact).
 */
export const SCD2_STAGING_BINDINGS: ReadonlyMap<DimensionClass, Scd2StagingBinding> = new Map<
  DimensionClass,
  Scd2StagingBinding
>([
  [DimMember, MEMBER],
  [DimPlan, PLAN],
  [DimProvider, PROVIDER],
]);
