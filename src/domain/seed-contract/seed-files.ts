import { ColumnSpec, SeedEntity, SeedFileSpec } from './column-spec';
import {
  AGE_GROUPS,
  CENSUS_REGIONS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  CSR_VARIANTS,
  GENDERS,
  METAL_TIERS,
  NETWORK_ACCESS_TYPES,
} from './domains';

const text = (
  name: string,
  required: boolean,
  description: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({
  name,
  type: 'text',
  required,
  description,
  ...extra,
});
const date = (name: string, required: boolean, description: string): ColumnSpec => ({
  name,
  type: 'date',
  required,
  description,
});
const int = (
  name: string,
  required: boolean,
  description: string,
  min?: number,
  max?: number,
): ColumnSpec => ({
  name,
  type: 'int',
  required,
  description,
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const money = (name: string, required: boolean, description: string): ColumnSpec => ({
  name,
  type: 'decimal',
  required,
  min: 0,
  sqlType: 'numeric(14,2)',
  description,
});
const flag = (name: string, description: string): ColumnSpec => ({
  name,
  type: 'bool',
  required: false,
  description,
});
const oneOf = (
  name: string,
  required: boolean,
  domain: readonly string[],
  description: string,
): ColumnSpec => ({
  name,
  type: 'text',
  required,
  domain,
  description,
});

export const MEMBERS_FILE: SeedFileSpec = {
  file: 'members.csv',
  entity: 'members',
  naturalKey: ['member_id'],
  description:
    'One row per member as of the seed set as_of: demographics, socioeconomic and engagement attributes.',
  columns: [
    text('member_id', true, 'Member natural key, stable across seed sets.'),
    text('first_name', true, 'Given name (personal data).', { personal: true }),
    text('last_name', true, 'Family name (personal data).', { personal: true }),
    {
      ...date('dob', true, 'Date of birth, not after the seed set as_of (personal data).'),
      personal: true,
    },
    oneOf('gender', true, GENDERS, 'Gender: F, M, O (other) or U (unknown).'),
    text(
      'state',
      true,
      'Two-letter state code of residence; non-US codes are kept and flagged by data quality.',
      { length: 2 },
    ),
    text('zip', true, 'ZIP code of residence, kept as text to preserve leading zeros.'),
    {
      name: 'fpl_ratio',
      type: 'decimal',
      required: true,
      min: 0,
      sqlType: 'numeric(6,3)',
      description:
        'Household income over the Federal Poverty Level (2.35 = 235 %); drives subsidy and CSR eligibility.',
    },
    oneOf('plan_metal', true, METAL_TIERS, 'Metal tier of the plan the member is enrolled in.'),
    oneOf(
      'plan_network_access_type',
      true,
      NETWORK_ACCESS_TYPES,
      'Network access type of the enrolled plan.',
    ),
    oneOf('region', true, CENSUS_REGIONS, 'US Census region of residence.'),
    text(
      'clinical_segment',
      true,
      'Clinical segment used for care management (e.g. Healthy, Chronic, Complex).',
    ),
    int('year', true, 'Benefit year the member record describes.', 1900, 2200),
    oneOf('age_group', false, AGE_GROUPS, 'Age band at as_of; derived from dob when absent.'),
    text('email', false, 'E-mail address (personal data).', { personal: true }),
    text('phone', false, 'Phone number (personal data).', { personal: true }),
    text('street', false, 'Street address (personal data).', { personal: true }),
    text('city', false, 'City of residence.'),
    text('hios_id', false, 'HIOS plan identifier the member is enrolled under.'),
    int('enrollment_length_continuous', false, 'Months of continuous enrollment.', 0),
    text('general_agency_name', false, 'General agency that sold the policy.'),
    text('broker_name', false, 'Broker of record.'),
    text('sa_contracting_entity_name', false, 'Strategic-alliance contracting entity.'),
    int('call_count', false, 'Calls to member services in the period.', 0),
    int('app_login_count', false, 'Mobile app logins in the period.', 0),
    int('web_login_count', false, 'Web portal logins in the period.', 0),
    flag('new_member_in_period', 'Member joined during the reporting period.'),
    flag('member_used_app', 'Member used the mobile app in the period.'),
    flag('member_had_web_login', 'Member logged in to the web portal in the period.'),
    flag('member_visited_new_provider_ind', 'Member visited a provider not seen before.'),
    flag('high_cost_member', 'Member flagged as high cost by the source system.'),
    text(
      'mutually_exclusive_hcc_condition',
      false,
      'Dominant HCC condition category (mutually exclusive grouping).',
    ),
    text('geographic_reporting', false, 'Geographic reporting area used by the source.'),
    int(
      'wisconsin_area_deprivation_index',
      false,
      'Area Deprivation Index decile, 1 (least) to 10 (most deprived).',
      1,
      10,
    ),
    {
      name: 'ra_mm',
      type: 'decimal',
      required: false,
      sqlType: 'numeric(10,4)',
      description: 'Risk-adjustment score per member month.',
    },
  ],
};

export const PLANS_FILE: SeedFileSpec = {
  file: 'plans.csv',
  entity: 'plans',
  naturalKey: ['plan_id', 'effective_year'],
  description: 'One row per plan and benefit year: metal tier, premium and cost-sharing design.',
  columns: [
    text('plan_id', true, 'Plan identifier; with effective_year the natural key.'),
    int('effective_year', true, 'Benefit year the plan design and premium apply to.', 1900, 2200),
    text('name', true, 'Marketing name of the plan.'),
    oneOf(
      'metal_tier',
      true,
      METAL_TIERS,
      'Metal tier (actuarial value: Bronze 60 %, Silver 70 %, Gold 80 %, Platinum 90 %).',
    ),
    money('monthly_premium', true, 'Base monthly premium (age factor 1.0, non-tobacco) in USD.'),
    money('deductible', true, 'Self-only annual deductible in USD.'),
    money('oop_max', true, 'Self-only annual out-of-pocket maximum in USD.'),
    {
      name: 'coinsurance_rate',
      type: 'decimal',
      required: true,
      min: 0,
      max: 1,
      sqlType: 'numeric(5,4)',
      description: 'Member coinsurance share after the deductible, 0 to 1.',
    },
    money('pcp_copay', true, 'Primary-care visit copay in USD.'),
  ],
};

export const PROVIDERS_FILE: SeedFileSpec = {
  file: 'providers.csv',
  entity: 'providers',
  naturalKey: ['provider_id'],
  description: 'One row per provider: identity, specialty and practice location.',
  columns: [
    text('provider_id', true, 'Provider natural key.'),
    text(
      'npi',
      true,
      'National Provider Identifier, 10 digits (Luhn check digit verified by data quality).',
      {
        length: 10,
        digitsOnly: true,
      },
    ),
    text('name', true, 'Provider or practice name.'),
    text('specialty', true, 'Primary specialty.'),
    text('street', false, 'Practice street address.'),
    text('city', false, 'Practice city.'),
    text('state', false, 'Practice two-letter state code.', { length: 2 }),
    text('zip', false, 'Practice ZIP code.'),
    text('phone', false, 'Practice phone number.'),
  ],
};

export const ENROLLMENTS_FILE: SeedFileSpec = {
  file: 'enrollments.csv',
  entity: 'enrollments',
  naturalKey: ['member_id', 'plan_id', 'start_date'],
  description: 'One row per coverage span of a member in a plan.',
  columns: [
    text('member_id', true, 'Enrolled member (members.member_id).'),
    text('plan_id', true, 'Plan enrolled in (plans.plan_id).'),
    date('start_date', true, 'First day of coverage of the span.'),
    money(
      'premium_paid',
      true,
      'Premium the member paid for the span after the advance premium tax credit: base rate × age factor × tobacco factor × months, less APTC.',
    ),
    text('enrollment_id', false, 'Source identifier of the span.'),
    date(
      'end_date',
      false,
      'Last day of coverage (inclusive); empty while still covered. Not before start_date.',
    ),
    oneOf(
      'csr_variant',
      false,
      CSR_VARIANTS,
      'Cost-sharing-reduction variant of a Silver plan: none, 73, 87 or 94.',
    ),
  ],
};

export const CLAIMS_FILE: SeedFileSpec = {
  file: 'claims.csv',
  entity: 'claims',
  naturalKey: ['claim_id'],
  description:
    'One row per claim; a claim re-sent in a later seed set carries its new status and amounts.',
  columns: [
    text('claim_id', true, 'Claim natural key.'),
    text('member_id', true, 'Member who received the service (members.member_id).'),
    text('provider_id', true, 'Rendering provider (providers.provider_id).'),
    text('plan_id', true, 'Plan billed (plans.plan_id).'),
    date('service_date', true, 'Date of service; selects the dimension versions in force.'),
    money('claim_amount', true, 'Billed amount in USD.'),
    money('allowed_amount', true, 'Contracted allowed amount in USD.'),
    money('paid_amount', true, 'Amount the plan paid in USD; 0 when denied.'),
    oneOf('status', true, CLAIM_STATUSES, 'Adjudication status: approved, denied or pending.'),
    text('diagnosis_code', true, 'Primary diagnosis code (ICD).'),
    text('procedure_code', true, 'Primary procedure code (CPT/HCPCS).'),
    money('charges', false, 'Source system charges (usually equal to claim_amount).'),
    money('allowed', false, 'Source system allowed (usually equal to allowed_amount).'),
    text(
      'clean_claim_status',
      false,
      'Clean-claim adjudication status of the source (e.g. PAID, DENIED).',
    ),
    date('claim_from', false, 'First date on the claim.'),
    date('clean_claim_out', false, 'Date the clean claim was finalized.'),
    {
      name: 'utilization',
      type: 'decimal',
      required: false,
      sqlType: 'numeric(12,4)',
      description: 'Utilization units.',
    },
    int('hcg_units_days', false, 'HCG units or days.'),
    oneOf('claim_type', false, CLAIM_TYPES, 'Claim form: Facility, Professional or RX.'),
    text('major_service_category', false, 'Major service category (HCG grouping).'),
    text('provider_specialty', false, 'Specialty of the rendering provider as billed.'),
    text('detailed_service_category', false, 'Detailed service category.'),
    text('ms_drg', false, 'MS-DRG code for inpatient facility claims.'),
    text('ms_drg_description', false, 'MS-DRG description.'),
    text('ms_drg_mdc', false, 'Major diagnostic category code of the MS-DRG.'),
    text('ms_drg_mdc_desc', false, 'Major diagnostic category description.'),
    text('cpt', false, 'CPT code.'),
    text('cpt_consumer_description', false, 'Consumer-friendly CPT description.'),
    text('procedure_level_1', false, 'Procedure hierarchy level 1.'),
    text('procedure_level_2', false, 'Procedure hierarchy level 2.'),
    text('procedure_level_3', false, 'Procedure hierarchy level 3.'),
    text('procedure_level_4', false, 'Procedure hierarchy level 4.'),
    text('procedure_level_5', false, 'Procedure hierarchy level 5.'),
    text('channel', false, 'Place-of-service channel (e.g. OFF, OBS, URG, ER, IP).'),
    text('drug_name', false, 'Drug name for RX claims.'),
    text('drug_class', false, 'Drug class for RX claims.'),
    text('drug_subclass', false, 'Drug subclass for RX claims.'),
    text('drug', false, 'Drug identifier for RX claims.'),
    flag('is_oon', 'Service rendered out of network.'),
    text('best_contracting_entity_name', false, 'Best contracting entity for the provider.'),
    text('provider_group_name', false, 'Provider group.'),
    text('ccsr_system_description', false, 'CCSR body-system description of the diagnosis.'),
    text('ccsr_description', false, 'CCSR category of the diagnosis.'),
  ],
};

/** The five files of a seed set, in load order (dimensions before facts). */
export const SEED_FILES: readonly SeedFileSpec[] = [
  MEMBERS_FILE,
  PLANS_FILE,
  PROVIDERS_FILE,
  ENROLLMENTS_FILE,
  CLAIMS_FILE,
];

export function seedFileSpec(entity: SeedEntity): SeedFileSpec {
  const spec = SEED_FILES.find((f) => f.entity === entity);
  if (!spec) throw new Error(`Unknown seed entity '${entity}'`);
  return spec;
}
