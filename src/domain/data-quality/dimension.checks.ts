import { US_STATES } from '../aca/us-states';
import {
  AGE_GROUPS,
  CENSUS_REGIONS,
  CSR_VARIANTS,
  GENDERS,
  METAL_TIERS,
  NETWORK_ACCESS_TYPES,
} from '../seed-contract/domains';
import { QualityCheck } from './quality-check';

/** The SCD2 bookkeeping every versioned dimension carries (see DESIGN.md). */
const SCD2 = {
  validFrom: 'validity_start_ts',
  validTo: 'validity_end_ts',
  currentFlag: 'current_flag',
  endOfTime: '9999-12-31T00:00:00Z',
} as const;

const CURRENT = 't.current_flag';

interface Scd2Dimension {
  readonly entity: string;
  readonly table: string;
  readonly surrogateKey: string;
  readonly naturalKey: readonly string[];
}

/** Key checks of a versioned dimension: not-null, surrogate and natural key unique, history. */
function scd2DimensionChecks(d: Scd2Dimension): QualityCheck[] {
  const nk = d.naturalKey.join(', ');
  return [
    {
      name: `${d.entity}_keys_not_null`,
      table: d.table,
      kind: 'not_null',
      severity: 'error',
      params: {
        columns: [
          d.surrogateKey,
          ...d.naturalKey,
          SCD2.validFrom,
          SCD2.validTo,
          SCD2.currentFlag,
          'load_id',
        ],
        keyColumns: [d.surrogateKey],
      },
      description: `Every ${d.entity} version has its surrogate key, natural key (${nk}), validity range, current flag and load batch.`,
    },
    {
      name: `${d.entity}_surrogate_key_unique`,
      table: d.table,
      kind: 'unique',
      severity: 'error',
      params: { columns: [d.surrogateKey] },
      description: `${d.surrogateKey} identifies one ${d.entity} version.`,
    },
    {
      name: `${d.entity}_natural_key_unique_current`,
      table: d.table,
      kind: 'unique',
      severity: 'error',
      params: { columns: d.naturalKey, where: CURRENT },
      description: `At most one current version per ${d.entity} natural key (${nk}).`,
    },
    {
      name: `${d.entity}_scd2_integrity`,
      table: d.table,
      kind: 'scd2_integrity',
      severity: 'error',
      params: { naturalKey: d.naturalKey, ...SCD2 },
      description: `Each ${d.entity} (${nk}) has exactly one current version, open until 9999-12-31, and versions whose validity ranges neither overlap nor leave gaps.`,
    },
  ];
}

export const DIMENSION_CHECKS: readonly QualityCheck[] = [
  {
    name: 'date_keys_not_null',
    table: 'warehouse.dim_date',
    kind: 'not_null',
    severity: 'error',
    params: { columns: ['date_key', 'full_date'], keyColumns: ['date_key'] },
    description: 'Every calendar day has its key and date.',
  },
  {
    name: 'date_key_unique',
    table: 'warehouse.dim_date',
    kind: 'unique',
    severity: 'error',
    params: { columns: ['date_key'] },
    description: 'date_key (YYYYMMDD) identifies one day.',
  },
  {
    name: 'date_full_date_unique',
    table: 'warehouse.dim_date',
    kind: 'unique',
    severity: 'error',
    params: { columns: ['full_date'] },
    description: 'Each calendar date appears once.',
  },
  {
    name: 'geography_keys_not_null',
    table: 'warehouse.dim_geography',
    kind: 'not_null',
    severity: 'error',
    params: { columns: ['geography_sk', 'state', 'region'], keyColumns: ['geography_sk'] },
    description: 'Every geography row has its key, state and region.',
  },
  {
    name: 'geography_surrogate_key_unique',
    table: 'warehouse.dim_geography',
    kind: 'unique',
    severity: 'error',
    params: { columns: ['geography_sk'] },
    description: 'geography_sk identifies one (state, region) pair.',
  },
  {
    name: 'geography_natural_key_unique',
    table: 'warehouse.dim_geography',
    kind: 'unique',
    severity: 'error',
    params: { columns: ['state', 'region'] },
    description: 'Each (state, region) pair appears once.',
  },
  ...scd2DimensionChecks({
    entity: 'member',
    table: 'warehouse.dim_member',
    surrogateKey: 'member_sk',
    naturalKey: ['member_id'],
  }),
  ...scd2DimensionChecks({
    entity: 'plan',
    table: 'warehouse.dim_plan',
    surrogateKey: 'plan_sk',
    naturalKey: ['plan_id', 'effective_year'],
  }),
  ...scd2DimensionChecks({
    entity: 'provider',
    table: 'warehouse.dim_provider',
    surrogateKey: 'provider_sk',
    naturalKey: ['provider_id'],
  }),
  ...scd2DimensionChecks({
    entity: 'enrollment',
    table: 'warehouse.dim_enrollment',
    surrogateKey: 'enrollment_sk',
    naturalKey: ['member_id', 'plan_id', 'start_date'],
  }),
  {
    name: 'member_geography_resolves',
    table: 'warehouse.dim_member',
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['geography_sk'],
      to: { table: 'warehouse.dim_geography', columns: ['geography_sk'] },
      keyColumns: ['member_id', 'member_sk'],
    },
    description: 'A member geography_sk points at a row of dim_geography.',
  },
  {
    name: 'member_gender_accepted',
    table: 'warehouse.dim_member',
    kind: 'accepted_values',
    severity: 'error',
    params: { column: 'gender', values: GENDERS, keyColumns: ['member_id'], where: CURRENT },
    description: `Current members have a gender of the contract: ${GENDERS.join(', ')} (O = other, as the peer data delivers it).`,
  },
  {
    name: 'member_state_is_us_state',
    table: 'warehouse.dim_member',
    kind: 'accepted_values',
    severity: 'warn',
    params: {
      column: 'state',
      values: US_STATES.map((s) => s.code),
      keyColumns: ['member_id'],
      where: CURRENT,
    },
    description:
      'Current members live in one of the 50 states or DC. Codes such as PW, FM, MP, VI or PR (territories and freely associated states) are loaded and counted here.',
  },
  {
    name: 'member_region_accepted',
    table: 'warehouse.dim_member',
    kind: 'accepted_values',
    severity: 'error',
    params: {
      column: 'region',
      values: CENSUS_REGIONS,
      keyColumns: ['member_id'],
      where: CURRENT,
    },
    description: `Current members have a census region: ${CENSUS_REGIONS.join(', ')}.`,
  },
  {
    name: 'member_age_group_accepted',
    table: 'warehouse.dim_member',
    kind: 'accepted_values',
    severity: 'error',
    params: {
      column: 'age_group',
      values: AGE_GROUPS,
      keyColumns: ['member_id'],
      where: CURRENT,
    },
    description: `Current members have an age band: ${AGE_GROUPS.join(', ')}.`,
  },
  {
    name: 'member_plan_metal_accepted',
    table: 'warehouse.dim_member',
    kind: 'accepted_values',
    severity: 'error',
    params: {
      column: 'plan_metal',
      values: METAL_TIERS,
      keyColumns: ['member_id'],
      where: CURRENT,
    },
    description: `Current members are enrolled in a metal tier: ${METAL_TIERS.join(', ')}.`,
  },
  {
    name: 'member_network_type_accepted',
    table: 'warehouse.dim_member',
    kind: 'accepted_values',
    severity: 'error',
    params: {
      column: 'plan_network_access_type',
      values: NETWORK_ACCESS_TYPES,
      keyColumns: ['member_id'],
      where: CURRENT,
    },
    description: `Current members have a network type: ${NETWORK_ACCESS_TYPES.join(', ')}.`,
  },
  {
    name: 'plan_metal_tier_accepted',
    table: 'warehouse.dim_plan',
    kind: 'accepted_values',
    severity: 'error',
    params: {
      column: 'metal_tier',
      values: METAL_TIERS,
      keyColumns: ['plan_id', 'effective_year'],
      where: CURRENT,
    },
    description: `Current plans have a metal tier: ${METAL_TIERS.join(', ')}.`,
  },
  {
    name: 'plan_deductible_within_oop_max',
    table: 'warehouse.dim_plan',
    kind: 'expression',
    severity: 'warn',
    params: {
      predicate: 't.is_inferred OR t.deductible <= t.oop_max',
      keyColumns: ['plan_id', 'effective_year'],
      where: CURRENT,
    },
    description:
      'A current plan deductible does not exceed its out-of-pocket maximum (inferred placeholders have neither).',
  },
  {
    name: 'enrollment_csr_variant_accepted',
    table: 'warehouse.dim_enrollment',
    kind: 'accepted_values',
    severity: 'error',
    params: {
      column: 'csr_variant',
      values: CSR_VARIANTS,
      keyColumns: ['member_id', 'plan_id', 'start_date'],
      where: CURRENT,
    },
    description: `Current coverage spans have a cost-sharing-reduction variant: ${CSR_VARIANTS.join(', ')}.`,
  },
  {
    name: 'provider_npi_check_digit',
    table: 'warehouse.dim_provider',
    kind: 'expression',
    severity: 'warn',
    params: {
      predicate: 't.is_inferred OR etl.npi_is_valid(t.npi)',
      keyColumns: ['provider_id'],
      where: CURRENT,
    },
    description:
      'Current providers (other than inferred placeholders) carry a valid NPI: 10 digits starting with 1 or 2 and a Luhn check digit computed with the 80840 prefix.',
  },
];
