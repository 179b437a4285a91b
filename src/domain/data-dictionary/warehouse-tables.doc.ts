import { ColumnDoc, TableDoc } from './table-doc';

/** The SCD2 bookkeeping columns every versioned dimension carries, as the plan names them. */
function scd2Columns(entity: string): ColumnDoc[] {
  return [
    {
      name: 'validity_start_ts',
      type: 'timestamptz',
      comment: `First instant this ${entity} version is valid: the as_of of the seed set that brought it.`,
    },
    {
      name: 'validity_end_ts',
      type: 'timestamptz',
      comment: `Instant this version stopped being valid (exclusive): the as_of of the seed set that changed it; 9999-12-31 on the current version.`,
    },
    {
      name: 'current_flag',
      type: 'boolean',
      comment: 'True on the one current version of the natural key.',
    },
    {
      name: 'attr_hash',
      type: 'bytea',
      comment:
        'SHA-256 of the change-driver attributes in column-name order, normalized and written as a PostgreSQL composite literal (NULL-safe, delimiter-safe; see docs/scd2.md); a new version is created only when it changes.',
    },
    {
      name: 'is_inferred',
      type: 'boolean',
      comment:
        'True for a placeholder created because a fact referenced a key not yet delivered; completed in place when the real row arrives.',
    },
    {
      name: 'load_id',
      type: 'bigint',
      comment: 'Load batch that created the version (etl.load_batch.load_id).',
    },
    { name: 'created_at', type: 'timestamptz', comment: 'When the version row was written.' },
    {
      name: 'updated_at',
      type: 'timestamptz',
      comment:
        'When the row was last changed in place (expiry, type-1 attributes, completion of an inferred row).',
    },
  ];
}

export const DIM_DATE_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'dim_date',
  kind: 'table',
  comment:
    'Calendar dimension, one row per day of the configured range (default 2015-2035); static.',
  columns: [
    { name: 'date_key', type: 'integer', comment: 'Surrogate key YYYYMMDD.' },
    { name: 'full_date', type: 'date', comment: 'The calendar date.' },
    { name: 'year', type: 'smallint', comment: 'Calendar year.' },
    { name: 'quarter', type: 'smallint', comment: 'Calendar quarter 1-4.' },
    { name: 'month', type: 'smallint', comment: 'Month number 1-12.' },
    { name: 'month_name', type: 'text', comment: 'Month name (January ...).' },
    { name: 'day_of_month', type: 'smallint', comment: 'Day of the month 1-31.' },
    {
      name: 'day_of_week',
      type: 'smallint',
      comment: 'ISO day of week, 1 = Monday ... 7 = Sunday.',
    },
    { name: 'day_name', type: 'text', comment: 'Day name (Monday ...).' },
    { name: 'iso_week', type: 'smallint', comment: 'ISO 8601 week number.' },
    { name: 'iso_year', type: 'smallint', comment: 'ISO 8601 week-numbering year.' },
    { name: 'is_weekend', type: 'boolean', comment: 'Saturday or Sunday.' },
    { name: 'year_month', type: 'text', comment: 'YYYY-MM, for monthly grouping.' },
    { name: 'month_start', type: 'date', comment: 'First day of the month.' },
  ],
};

export const DIM_GEOGRAPHY_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'dim_geography',
  kind: 'table',
  comment:
    'State and census-region roll-ups, one row per (state, region) seen; codes that are not US states are kept and marked unknown.',
  columns: [
    { name: 'geography_sk', type: 'integer', comment: 'Surrogate key.' },
    { name: 'state', type: 'text', comment: 'Two-letter state code as delivered.' },
    {
      name: 'region',
      type: 'text',
      comment:
        "US Census region as delivered (Northeast, Midwest, South, West); for a state seen only on providers, which carry no region, the state's census region or 'Unknown'.",
    },
    {
      name: 'state_name',
      type: 'text',
      comment: 'State name, or "Unknown (XX)" for a code that is not a US state.',
    },
    {
      name: 'census_region',
      type: 'text',
      comment:
        'Census region the state belongs to (may differ from the delivered region); NULL if unknown.',
    },
    {
      name: 'census_division',
      type: 'text',
      comment: 'Census division of the state; NULL if unknown.',
    },
    {
      name: 'is_known_state',
      type: 'boolean',
      comment: 'False for codes that are not one of the 50 states and DC.',
    },
    {
      name: 'load_id',
      type: 'bigint',
      comment: 'Load batch that first saw the pair; NULL for rows seeded by the migration.',
    },
  ],
};

export const DIM_MEMBER_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'dim_member',
  kind: 'table',
  comment:
    'Member dimension, SCD2: one row per member version. A new version starts when a change-driver attribute changes; other attributes are updated in place on the current version (type 1).',
  columns: [
    { name: 'member_sk', type: 'bigint', comment: 'Surrogate key of the version.' },
    {
      name: 'member_id',
      type: 'text',
      comment: 'Natural key; also the distribution column for scale-out.',
    },
    {
      name: 'first_name',
      type: 'text',
      comment: 'Given name. Change driver. Personal data.',
      personal: true,
    },
    {
      name: 'last_name',
      type: 'text',
      comment: 'Family name. Change driver. Personal data.',
      personal: true,
    },
    {
      name: 'dob',
      type: 'date',
      comment: 'Date of birth. Change driver. Personal data.',
      personal: true,
    },
    { name: 'gender', type: 'text', comment: 'F, M, O or U. Change driver.' },
    {
      name: 'age_group',
      type: 'text',
      comment: 'Age band at the seed set as_of (delivered or derived from dob). Change driver.',
    },
    { name: 'state', type: 'text', comment: 'State of residence. Change driver.' },
    { name: 'zip', type: 'text', comment: 'ZIP code of residence. Change driver.' },
    { name: 'region', type: 'text', comment: 'Census region. Change driver.' },
    {
      name: 'geography_sk',
      type: 'integer',
      comment:
        'Geography of (state, region) (warehouse.dim_geography). Type 1 (it follows state and region).',
    },
    {
      name: 'fpl_ratio',
      type: 'numeric(6,3)',
      comment: 'Income over the Federal Poverty Level. Change driver.',
    },
    {
      name: 'fpl_band',
      type: 'text',
      comment:
        'FPL band derived from fpl_ratio, each band including its upper edge (<100%, 100-150%, 150-200%, 200-250%, 250-300%, 300-400%, 400%+). Type 1 (it follows fpl_ratio).',
    },
    { name: 'plan_metal', type: 'text', comment: 'Metal tier enrolled in. Change driver.' },
    {
      name: 'plan_network_access_type',
      type: 'text',
      comment: 'HMO, PPO, EPO or POS. Change driver.',
    },
    { name: 'clinical_segment', type: 'text', comment: 'Clinical segment. Change driver.' },
    { name: 'general_agency_name', type: 'text', comment: 'General agency. Change driver.' },
    { name: 'broker_name', type: 'text', comment: 'Broker of record. Change driver.' },
    {
      name: 'sa_contracting_entity_name',
      type: 'text',
      comment: 'Strategic-alliance contracting entity. Change driver.',
    },
    { name: 'new_member_in_period', type: 'boolean', comment: 'Engagement flag. Change driver.' },
    { name: 'member_used_app', type: 'boolean', comment: 'Engagement flag. Change driver.' },
    { name: 'member_had_web_login', type: 'boolean', comment: 'Engagement flag. Change driver.' },
    {
      name: 'member_visited_new_provider_ind',
      type: 'boolean',
      comment: 'Engagement flag. Change driver.',
    },
    {
      name: 'high_cost_member',
      type: 'boolean',
      comment: 'High-cost flag of the source. Change driver.',
    },
    {
      name: 'mutually_exclusive_hcc_condition',
      type: 'text',
      comment: 'Dominant HCC condition. Change driver.',
    },
    {
      name: 'geographic_reporting',
      type: 'text',
      comment: 'Geographic reporting area. Change driver.',
    },
    { name: 'year', type: 'integer', comment: 'Benefit year of the record. Change driver.' },
    {
      name: 'email',
      type: 'text',
      comment: 'E-mail address (type 1). Personal data.',
      personal: true,
    },
    {
      name: 'phone',
      type: 'text',
      comment: 'Phone number (type 1). Personal data.',
      personal: true,
    },
    {
      name: 'street',
      type: 'text',
      comment: 'Street address (type 1). Personal data.',
      personal: true,
    },
    { name: 'city', type: 'text', comment: 'City (type 1).' },
    { name: 'hios_id', type: 'text', comment: 'HIOS plan identifier (type 1).' },
    {
      name: 'enrollment_length_continuous',
      type: 'integer',
      comment: 'Months of continuous enrollment (type 1).',
    },
    { name: 'call_count', type: 'integer', comment: 'Calls in the period (type 1).' },
    { name: 'app_login_count', type: 'integer', comment: 'App logins in the period (type 1).' },
    { name: 'web_login_count', type: 'integer', comment: 'Web logins in the period (type 1).' },
    {
      name: 'wisconsin_area_deprivation_index',
      type: 'integer',
      comment: 'Area Deprivation Index decile (type 1).',
    },
    { name: 'ra_mm', type: 'numeric(10,4)', comment: 'Risk score per member month (type 1).' },
    ...scd2Columns('member'),
  ],
};

export const DIM_PLAN_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'dim_plan',
  kind: 'table',
  comment:
    'Plan dimension, SCD2 within a benefit year: one row per (plan_id, effective_year) version; a mid-year correction creates a new version.',
  columns: [
    { name: 'plan_sk', type: 'bigint', comment: 'Surrogate key of the version.' },
    {
      name: 'plan_id',
      type: 'text',
      comment: 'Plan identifier (natural key with effective_year).',
    },
    {
      name: 'effective_year',
      type: 'integer',
      comment: 'Benefit year (natural key with plan_id).',
    },
    { name: 'name', type: 'text', comment: 'Plan name. Change driver.' },
    { name: 'metal_tier', type: 'text', comment: 'Metal tier. Change driver.' },
    {
      name: 'monthly_premium',
      type: 'numeric(14,2)',
      comment: 'Base monthly premium in USD. Change driver.',
    },
    { name: 'deductible', type: 'numeric(14,2)', comment: 'Deductible in USD. Change driver.' },
    {
      name: 'oop_max',
      type: 'numeric(14,2)',
      comment: 'Out-of-pocket maximum in USD. Change driver.',
    },
    {
      name: 'coinsurance_rate',
      type: 'numeric(5,4)',
      comment: 'Coinsurance share 0-1. Change driver.',
    },
    {
      name: 'pcp_copay',
      type: 'numeric(14,2)',
      comment: 'Primary-care copay in USD. Change driver.',
    },
    ...scd2Columns('plan'),
  ],
};

export const DIM_PROVIDER_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'dim_provider',
  kind: 'table',
  comment:
    'Provider dimension, SCD2: one row per provider version (identity, specialty, location).',
  columns: [
    { name: 'provider_sk', type: 'bigint', comment: 'Surrogate key of the version.' },
    { name: 'provider_id', type: 'text', comment: 'Natural key.' },
    { name: 'npi', type: 'text', comment: 'National Provider Identifier (type 1).' },
    { name: 'name', type: 'text', comment: 'Provider name. Change driver.' },
    { name: 'specialty', type: 'text', comment: 'Specialty. Change driver.' },
    { name: 'street', type: 'text', comment: 'Practice street. Change driver.' },
    { name: 'city', type: 'text', comment: 'Practice city. Change driver.' },
    { name: 'state', type: 'text', comment: 'Practice state. Change driver.' },
    { name: 'zip', type: 'text', comment: 'Practice ZIP. Change driver.' },
    { name: 'phone', type: 'text', comment: 'Practice phone. Change driver.' },
    ...scd2Columns('provider'),
  ],
};

export const DIM_ENROLLMENT_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'dim_enrollment',
  kind: 'table',
  comment:
    'Coverage spans, type 2: one row per (member_id, plan_id, start_date) version; a termination or premium correction creates a new version.',
  columns: [
    { name: 'enrollment_sk', type: 'bigint', comment: 'Surrogate key of the version.' },
    { name: 'member_id', type: 'text', comment: 'Member (natural key part).' },
    { name: 'plan_id', type: 'text', comment: 'Plan (natural key part).' },
    { name: 'start_date', type: 'date', comment: 'First day of the span (natural key part).' },
    {
      name: 'end_date',
      type: 'date',
      comment: 'Last day of the span, NULL while covered. Change driver.',
    },
    {
      name: 'premium_paid',
      type: 'numeric(14,2)',
      comment: 'Premium paid for the span after subsidy, USD. Change driver.',
    },
    {
      name: 'csr_variant',
      type: 'text',
      comment: 'Cost-sharing-reduction variant. Change driver.',
    },
    { name: 'enrollment_id', type: 'text', comment: 'Source identifier of the span (type 1).' },
    ...scd2Columns('enrollment'),
  ],
};

export const FACT_CLAIM_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'fact_claim',
  kind: 'table',
  comment:
    'Claims fact, one row per claim_id, range-partitioned by service_date per month (partitions fact_claim_YYYYMM, fact_claim_default catches the rest and stays empty). Dimension keys point at the version in force on the service date; a claim re-sent later is updated in place.',
  columns: [
    { name: 'claim_id', type: 'text', comment: 'Degenerate dimension: the claim natural key.' },
    {
      name: 'member_id',
      type: 'text',
      comment: 'Member natural key, the distribution column for scale-out.',
    },
    { name: 'service_date', type: 'date', comment: 'Date of service; the partition key.' },
    { name: 'date_key', type: 'integer', comment: 'Service date (warehouse.dim_date).' },
    {
      name: 'member_sk',
      type: 'bigint',
      comment:
        'Member version in force on the service date; the first version for dates before it (warehouse.dim_member).',
    },
    {
      name: 'provider_sk',
      type: 'bigint',
      comment:
        'Provider version in force on the service date; the first version for dates before it (warehouse.dim_provider).',
    },
    {
      name: 'plan_sk',
      type: 'bigint',
      comment:
        'Plan version in force on the service date, of the service year (else the nearest earlier year the plan has, else its first year) (warehouse.dim_plan).',
    },
    { name: 'status', type: 'text', comment: 'approved, denied or pending.' },
    { name: 'diagnosis_code', type: 'text', comment: 'Primary diagnosis code.' },
    { name: 'procedure_code', type: 'text', comment: 'Primary procedure code.' },
    { name: 'claim_type', type: 'text', comment: 'Facility, Professional or RX.' },
    { name: 'major_service_category', type: 'text', comment: 'Major service category.' },
    { name: 'detailed_service_category', type: 'text', comment: 'Detailed service category.' },
    { name: 'provider_specialty', type: 'text', comment: 'Specialty as billed.' },
    { name: 'channel', type: 'text', comment: 'Place-of-service channel.' },
    { name: 'ms_drg', type: 'text', comment: 'MS-DRG code.' },
    { name: 'drug_class', type: 'text', comment: 'Drug class for RX claims.' },
    { name: 'is_oon', type: 'boolean', comment: 'Out of network.' },
    { name: 'claim_amount', type: 'numeric(14,2)', comment: 'Billed amount, USD (additive).' },
    { name: 'allowed_amount', type: 'numeric(14,2)', comment: 'Allowed amount, USD (additive).' },
    { name: 'paid_amount', type: 'numeric(14,2)', comment: 'Paid amount, USD (additive).' },
    {
      name: 'load_id',
      type: 'bigint',
      comment:
        'Load batch that last wrote the row: inserted it, or changed it as a re-sent claim (an identical re-send does not rewrite it).',
    },
    { name: 'created_at', type: 'timestamptz', comment: 'When the row was first inserted.' },
    {
      name: 'updated_at',
      type: 'timestamptz',
      comment: 'When a re-sent claim last changed the row.',
    },
  ],
};

export const FACT_ENROLLMENT_DOC: TableDoc = {
  schema: 'warehouse',
  name: 'fact_enrollment',
  kind: 'table',
  comment:
    'Enrollment fact, one row per member-plan continuous coverage period: spans of the same member and plan that touch or overlap are merged. Recomputed for the members a batch touches.',
  columns: [
    { name: 'member_id', type: 'text', comment: 'Member natural key (distribution column).' },
    { name: 'plan_id', type: 'text', comment: 'Plan natural key.' },
    { name: 'start_date', type: 'date', comment: 'First day of the continuous coverage period.' },
    {
      name: 'end_date',
      type: 'date',
      comment: 'Last day of the period, NULL while still covered.',
    },
    {
      name: 'member_sk',
      type: 'bigint',
      comment:
        'Member version in force at the period start; the first version for earlier starts (warehouse.dim_member).',
    },
    {
      name: 'plan_sk',
      type: 'bigint',
      comment: 'Plan version of the start year in force at the period start (warehouse.dim_plan).',
    },
    {
      name: 'enrollment_start_date_key',
      type: 'integer',
      comment: 'Period start (warehouse.dim_date).',
    },
    {
      name: 'enrollment_end_date_key',
      type: 'integer',
      comment: 'Period end (warehouse.dim_date); NULL while covered.',
    },
    {
      name: 'coverage_days',
      type: 'integer',
      comment:
        'Days covered, inclusive (overlaps counted once); an open period counts up to the as_of of the latest batch, 0 if it starts later.',
    },
    {
      name: 'member_months',
      type: 'numeric(8,2)',
      comment: 'Covered days expressed in months (days covered / days in each month, summed).',
    },
    {
      name: 'premium_paid',
      type: 'numeric(14,2)',
      comment: 'Sum of premium_paid over the spans of the period, USD.',
    },
    { name: 'csr_variant', type: 'text', comment: 'CSR variant of the latest span of the period.' },
    {
      name: 'span_count',
      type: 'integer',
      comment: 'Number of source spans merged into the period.',
    },
    { name: 'load_id', type: 'bigint', comment: 'Load batch that last computed the row.' },
  ],
};

export const WAREHOUSE_TABLE_DOCS: readonly TableDoc[] = [
  DIM_DATE_DOC,
  DIM_GEOGRAPHY_DOC,
  DIM_MEMBER_DOC,
  DIM_PLAN_DOC,
  DIM_PROVIDER_DOC,
  DIM_ENROLLMENT_DOC,
  FACT_CLAIM_DOC,
  FACT_ENROLLMENT_DOC,
];
