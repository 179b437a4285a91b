import { ColumnDoc, TableDoc } from './table-doc';

/** Money and count columns shared by the claim aggregates of the mart schema. */
const CLAIM_TOTALS: readonly ColumnDoc[] = [
  { name: 'claim_count', type: 'bigint', comment: 'Claims (all statuses).' },
  { name: 'billed_amount', type: 'numeric', comment: 'Sum of claim_amount (billed), USD.' },
  { name: 'allowed_amount', type: 'numeric', comment: 'Sum of allowed_amount, USD.' },
  { name: 'paid_amount', type: 'numeric', comment: 'Sum of paid_amount, USD.' },
];

/** The member-side coordinates every cube table carries (NULL in the cube when rolled up). */
const MEMBER_COORDINATES: readonly ColumnDoc[] = [
  {
    name: 'plan_id',
    type: 'text',
    comment: 'Plan of the plan version in force (warehouse.dim_plan.plan_id).',
  },
  { name: 'metal_tier', type: 'text', comment: 'Metal tier of the plan version in force.' },
  { name: 'state', type: 'text', comment: 'State of the member version in force.' },
  { name: 'age_group', type: 'text', comment: 'Age band of the member version in force.' },
  {
    name: 'clinical_segment',
    type: 'text',
    comment: 'Clinical segment of the member version in force.',
  },
];

const CLAIM_COORDINATES: readonly ColumnDoc[] = [
  {
    name: 'specialty',
    type: 'text',
    comment:
      'Specialty of the provider version in force on the service date; the billed specialty when the provider row has none.',
  },
  { name: 'claim_type', type: 'text', comment: 'Facility, Professional or RX.' },
];

const CUBE_CLAIM_MEASURES: readonly ColumnDoc[] = [
  { name: 'claims', type: 'bigint', comment: 'Claims (all statuses).' },
  { name: 'denied_claims', type: 'bigint', comment: 'Claims with status denied.' },
  { name: 'billed', type: 'numeric', comment: 'Sum of claim_amount (billed), USD.' },
  { name: 'allowed', type: 'numeric', comment: 'Sum of allowed_amount, USD.' },
  { name: 'paid', type: 'numeric', comment: 'Sum of paid_amount, USD.' },
];

const COVERAGE_MEASURES: readonly ColumnDoc[] = [
  {
    name: 'member_months',
    type: 'numeric(16,10)',
    comment:
      'Covered days of the month / days in the month, from warehouse.fact_enrollment (an open period counts up to its coverage_days).',
  },
  {
    name: 'premium',
    type: 'numeric(20,10)',
    comment:
      'premium_paid of the coverage period spread over its covered months in proportion to member months, USD (10 decimals, so sums are exact and a delta equals a rebuild).',
  },
];

export const MART_SETTINGS_DOC: TableDoc = {
  schema: 'mart',
  name: 'settings',
  kind: 'table',
  comment:
    'Parameters of the marts that a materialized view cannot take: one row per setting. The refresh step writes the configured values (HIGH_COST_THRESHOLD); views read them at query time.',
  columns: [
    { name: 'name', type: 'text', comment: 'Setting name (high_cost_threshold).' },
    { name: 'value', type: 'numeric', comment: 'Setting value.' },
    { name: 'description', type: 'text', comment: 'What the setting controls.' },
    { name: 'updated_at', type: 'timestamptz', comment: 'When the value last changed.' },
  ],
};

export const CLAIMS_DAILY_MEMBER_DOC: TableDoc = {
  schema: 'mart',
  name: 'claims_daily_member',
  kind: 'table',
  comment:
    'Claims per member and service day. Incrementally maintained table (not a materialized view): a batch deletes and re-inserts only the months its claims touched.',
  columns: [
    { name: 'member_id', type: 'text', comment: 'Member natural key (distribution column).' },
    { name: 'service_date', type: 'date', comment: 'Day of service.' },
    { name: 'month', type: 'date', comment: 'First day of the service month.' },
    ...CLAIM_TOTALS,
  ],
};

export const CUBE_CLAIMS_BASE_DOC: TableDoc = {
  schema: 'mart',
  name: 'cube_claims_base',
  kind: 'table',
  comment:
    'Base of the cube, claim side: claims pre-aggregated per month, member and every cube coordinate. Incrementally maintained by month; mart.claims_cube is built from it, and questions the stored grouping sets do not cover (and distinct members across months) are answered from it.',
  columns: [
    { name: 'month', type: 'date', comment: 'First day of the service month.' },
    { name: 'member_id', type: 'text', comment: 'Member natural key (distribution column).' },
    ...MEMBER_COORDINATES,
    ...CLAIM_COORDINATES,
    ...CUBE_CLAIM_MEASURES,
  ],
};

export const CUBE_COVERAGE_BASE_DOC: TableDoc = {
  schema: 'mart',
  name: 'cube_coverage_base',
  kind: 'table',
  comment:
    'Base of the cube, member side: each coverage period of warehouse.fact_enrollment split into its covered months, with the member and plan versions in force in that month (so a member without claims still has member months). Incrementally maintained by member: a batch rewrites the members whose enrollment or versions it changed.',
  columns: [
    { name: 'member_id', type: 'text', comment: 'Member natural key (distribution column).' },
    {
      name: 'start_date',
      type: 'date',
      comment: 'Start of the coverage period (warehouse.fact_enrollment.start_date).',
    },
    { name: 'month', type: 'date', comment: 'First day of the covered month.' },
    ...MEMBER_COORDINATES,
    ...COVERAGE_MEASURES,
  ],
};

export const CLAIMS_CUBE_DOC: TableDoc = {
  schema: 'mart',
  name: 'claims_cube',
  kind: 'table',
  comment:
    'The claims data cube: the GROUPING SETS of src/domain/cube (every set carries month; analyst dimensions up to three at a time, the PMPM grain, plan alone) over the two base tables. A NULL coordinate is a roll-up only when grouping_id says so. Incrementally maintained by month.',
  columns: [
    {
      name: 'grouping_id',
      type: 'integer',
      comment:
        'GROUPING(month, metal_tier, state, age_group, clinical_segment, plan_id, specialty, claim_type): bit set = column rolled up (128 = month ... 1 = claim_type).',
    },
    { name: 'month', type: 'date', comment: 'First day of the month (never rolled up).' },
    ...MEMBER_COORDINATES,
    ...CLAIM_COORDINATES,
    ...CUBE_CLAIM_MEASURES,
    {
      name: 'members',
      type: 'bigint',
      comment:
        'Distinct members with a claim in the cell; a distinct count, so never summed across cells.',
    },
    {
      name: 'member_months',
      type: 'numeric',
      comment:
        'Member months of the cell; NULL in sets with specialty or claim_type (member months are not split by claim attributes: read them from the member-side set).',
    },
    {
      name: 'premium',
      type: 'numeric',
      comment: 'Premium paid spread over covered months, USD; NULL like member_months.',
    },
  ],
};

export const HIGH_COST_MEMBER_MONTH_DOC: TableDoc = {
  schema: 'mart',
  name: 'high_cost_member_month',
  kind: 'table',
  comment:
    'Rolling 12-month paid per member and month (the month and the 11 before it), for every month up to the latest claim month in which the member has a claim in the window. Incrementally maintained: a batch recomputes the months it touched and the 11 after them.',
  columns: [
    { name: 'member_id', type: 'text', comment: 'Member natural key (distribution column).' },
    { name: 'month', type: 'date', comment: 'Last month of the 12-month window.' },
    {
      name: 'rolling_12m_paid',
      type: 'numeric',
      comment: 'Paid amount of the member in the 12 months ending with month, USD.',
    },
    {
      name: 'rolling_12m_claims',
      type: 'bigint',
      comment: 'Claims of the member in the 12 months ending with month.',
    },
    { name: 'month_paid', type: 'numeric', comment: 'Paid amount of the member in month, USD.' },
  ],
};

export const HIGH_COST_MEMBER_TRACKING_DOC: TableDoc = {
  schema: 'mart',
  name: 'high_cost_member_tracking',
  kind: 'view',
  comment:
    'High-cost member tracking: mart.high_cost_member_month with the rank of the member in the month and the flag against mart.settings high_cost_threshold (config HIGH_COST_THRESHOLD), both computed when read, so a new threshold applies without a refresh.',
  columns: [
    ...HIGH_COST_MEMBER_MONTH_DOC.columns,
    {
      name: 'paid_rank',
      type: 'bigint',
      comment: 'Rank of the member by rolling_12m_paid within the month (1 = highest; ties share).',
    },
    {
      name: 'high_cost_threshold',
      type: 'numeric',
      comment: 'The threshold in force (mart.settings high_cost_threshold), USD.',
    },
    {
      name: 'is_high_cost',
      type: 'boolean',
      comment: 'rolling_12m_paid is above the threshold.',
    },
  ],
};

export const CLAIMS_BY_PLAN_METAL_MONTH_DOC: TableDoc = {
  schema: 'mart',
  name: 'claims_by_plan_metal_month',
  kind: 'materialized view',
  comment:
    'Claims per metal tier and service month (read from the cube set month × metal_tier). Refreshed CONCURRENTLY after each batch.',
  columns: [
    { name: 'metal_tier', type: 'text', comment: 'Metal tier of the plan version in force.' },
    { name: 'month', type: 'date', comment: 'First day of the service month.' },
    ...CLAIM_TOTALS.slice(0, 1),
    { name: 'members_with_claims', type: 'bigint', comment: 'Distinct members with a claim.' },
    ...CLAIM_TOTALS.slice(1),
    { name: 'denied_count', type: 'bigint', comment: 'Claims with status denied.' },
    {
      name: 'denial_rate',
      type: 'numeric',
      comment: 'denied_count / claim_count, 4 decimals.',
    },
  ],
};

export const UTILIZATION_BY_SPECIALTY_DOC: TableDoc = {
  schema: 'mart',
  name: 'utilization_by_specialty',
  kind: 'materialized view',
  comment:
    'Utilization per provider specialty and service month (cube set month × specialty), with claims per 1,000 member months of all members covered that month. Refreshed CONCURRENTLY after each batch.',
  columns: [
    { name: 'specialty', type: 'text', comment: 'Provider specialty.' },
    { name: 'month', type: 'date', comment: 'First day of the service month.' },
    { name: 'claim_count', type: 'bigint', comment: 'Claims.' },
    { name: 'distinct_members', type: 'bigint', comment: 'Distinct members with a claim.' },
    { name: 'paid_amount', type: 'numeric', comment: 'Sum of paid_amount, USD.' },
    {
      name: 'member_months',
      type: 'numeric',
      comment: 'Member months of all members covered in the month (2 decimals).',
    },
    {
      name: 'claims_per_1000_member_months',
      type: 'numeric',
      comment: 'claim_count × 1000 / member_months, 2 decimals; NULL without member months.',
    },
  ],
};

export const PMPM_DOC: TableDoc = {
  schema: 'mart',
  name: 'pmpm',
  kind: 'materialized view',
  comment:
    'Paid per member per month by month at the full grain metal tier × state × age group × clinical segment and its one-dimension roll-ups (grouping_id tells which), with the same cell a year earlier. Member months come from warehouse.fact_enrollment, so members without claims count. Refreshed CONCURRENTLY after each batch.',
  columns: [
    {
      name: 'grouping_id',
      type: 'integer',
      comment: 'grouping_id of the mart.claims_cube set the row comes from.',
    },
    { name: 'month', type: 'date', comment: 'First day of the month.' },
    { name: 'metal_tier', type: 'text', comment: 'Metal tier (NULL when rolled up).' },
    { name: 'state', type: 'text', comment: 'State (NULL when rolled up).' },
    { name: 'age_group', type: 'text', comment: 'Age band (NULL when rolled up).' },
    {
      name: 'clinical_segment',
      type: 'text',
      comment: 'Clinical segment (NULL when rolled up).',
    },
    { name: 'member_months', type: 'numeric', comment: 'Member months (unrounded).' },
    { name: 'paid_amount', type: 'numeric', comment: 'Paid amount, USD.' },
    {
      name: 'pmpm',
      type: 'numeric',
      comment: 'paid_amount / member_months, USD, 2 decimals; NULL without member months.',
    },
    {
      name: 'pmpm_prior_year',
      type: 'numeric',
      comment: 'pmpm of the same cell twelve months earlier.',
    },
    {
      name: 'pmpm_yoy_change',
      type: 'numeric',
      comment: 'Year-over-year trend: pmpm / pmpm_prior_year - 1, 4 decimals.',
    },
  ],
};

export const MEDICAL_LOSS_RATIO_DOC: TableDoc = {
  schema: 'mart',
  name: 'medical_loss_ratio',
  kind: 'materialized view',
  comment:
    'Medical loss ratio per plan and calendar year: paid claims over premium paid (spread over covered months). The ACA asks individual-market plans for at least 80 %; this is the simple ratio, without the rule’s three-year averaging, quality-improvement and tax adjustments. Premium is what members paid after the advance premium tax credit (the only premium the seed contract delivers), so heavily subsidized tiers such as Silver show ratios far above 1. Refreshed CONCURRENTLY after each batch.',
  columns: [
    { name: 'plan_id', type: 'text', comment: 'Plan identifier.' },
    { name: 'year', type: 'integer', comment: 'Calendar (benefit) year.' },
    {
      name: 'metal_tier',
      type: 'text',
      comment: 'Metal tier of the current version of the plan for that year.',
    },
    { name: 'member_months', type: 'numeric', comment: 'Member months, 2 decimals.' },
    { name: 'premium', type: 'numeric', comment: 'Premium paid, USD, 2 decimals.' },
    { name: 'paid_amount', type: 'numeric', comment: 'Paid claims, USD.' },
    {
      name: 'mlr',
      type: 'numeric',
      comment: 'paid_amount / premium, 4 decimals; NULL without premium.',
    },
    {
      name: 'meets_80_percent_rule',
      type: 'boolean',
      comment: 'mlr is at least 0.80; NULL without premium.',
    },
  ],
};

/** In dependency order: the order the migration creates them and the refresh step runs. */
export const MART_TABLE_DOCS: readonly TableDoc[] = [
  MART_SETTINGS_DOC,
  CLAIMS_DAILY_MEMBER_DOC,
  CUBE_CLAIMS_BASE_DOC,
  CUBE_COVERAGE_BASE_DOC,
  CLAIMS_CUBE_DOC,
  HIGH_COST_MEMBER_MONTH_DOC,
  HIGH_COST_MEMBER_TRACKING_DOC,
  CLAIMS_BY_PLAN_METAL_MONTH_DOC,
  UTILIZATION_BY_SPECIALTY_DOC,
  PMPM_DOC,
  MEDICAL_LOSS_RATIO_DOC,
];
