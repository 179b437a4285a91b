import { CLAIM_STATUSES, CLAIM_TYPES } from '../seed-contract/domains';
import { QualityCheck } from './quality-check';

const CLAIM = 'warehouse.fact_claim';
const ENROLLMENT = 'warehouse.fact_enrollment';
const CLAIM_KEY = ['claim_id'];
const ENROLLMENT_KEY = ['member_id', 'plan_id', 'start_date'];

export const FACT_CHECKS: readonly QualityCheck[] = [
  // fact_claim: keys
  {
    name: 'claim_keys_not_null',
    table: CLAIM,
    kind: 'not_null',
    severity: 'error',
    params: {
      columns: [
        'claim_id',
        'member_id',
        'service_date',
        'date_key',
        'member_sk',
        'provider_sk',
        'plan_sk',
        'status',
        'claim_amount',
        'allowed_amount',
        'paid_amount',
        'load_id',
      ],
      keyColumns: CLAIM_KEY,
    },
    description: 'Every claim has its keys, dimension keys, status, amounts and load batch.',
  },
  {
    name: 'claim_id_unique',
    table: CLAIM,
    kind: 'unique',
    severity: 'error',
    params: { columns: CLAIM_KEY },
    description:
      'One row per claim_id across all partitions (the primary key also holds member_id and service_date, so only the loader keeps this).',
  },
  {
    name: 'claim_member_resolves',
    table: CLAIM,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['member_id', 'member_sk'],
      to: { table: 'warehouse.dim_member', columns: ['member_id', 'member_sk'] },
      keyColumns: CLAIM_KEY,
    },
    description: 'A claim member_sk is a version of the claim member (joined on member_id too).',
  },
  {
    name: 'claim_provider_resolves',
    table: CLAIM,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['provider_sk'],
      to: { table: 'warehouse.dim_provider', columns: ['provider_sk'] },
      keyColumns: CLAIM_KEY,
    },
    description: 'A claim provider_sk is a row of dim_provider.',
  },
  {
    name: 'claim_plan_resolves',
    table: CLAIM,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['plan_sk'],
      to: { table: 'warehouse.dim_plan', columns: ['plan_sk'] },
      keyColumns: CLAIM_KEY,
    },
    description: 'A claim plan_sk is a row of dim_plan.',
  },
  {
    name: 'claim_date_resolves',
    table: CLAIM,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['date_key'],
      to: { table: 'warehouse.dim_date', columns: ['date_key'] },
      keyColumns: CLAIM_KEY,
    },
    description: 'A claim date_key is a day of dim_date.',
  },
  {
    name: 'claim_status_accepted',
    table: CLAIM,
    kind: 'accepted_values',
    severity: 'error',
    params: { column: 'status', values: CLAIM_STATUSES, keyColumns: CLAIM_KEY },
    description: `Claim status is one of ${CLAIM_STATUSES.join(', ')}.`,
  },
  {
    name: 'claim_type_accepted',
    table: CLAIM,
    kind: 'accepted_values',
    severity: 'error',
    params: { column: 'claim_type', values: CLAIM_TYPES, keyColumns: CLAIM_KEY },
    description: `Claim type, when given, is one of ${CLAIM_TYPES.join(', ')}.`,
  },
  // fact_claim: volumes
  {
    name: 'claim_rows_present',
    table: CLAIM,
    kind: 'row_count',
    severity: 'warn',
    params: { min: 1 },
    description:
      'The claims fact is not empty. A warning only: a batch without claims is legal, and the reconciliation checks already catch claims lost on the way.',
  },
  {
    name: 'claim_default_partition_empty',
    table: 'warehouse.fact_claim_default',
    kind: 'row_count',
    severity: 'warn',
    params: { max: 0, keyColumns: ['claim_id', 'service_date'] },
    description:
      'No claim sits in the DEFAULT partition: the loader creates the monthly partitions it needs, so rows here mean a month was missed.',
  },
  // fact_claim: business rules the contract leaves to data quality (reported, not rejected)
  {
    name: 'claim_paid_within_allowed',
    table: CLAIM,
    kind: 'expression',
    severity: 'warn',
    params: {
      predicate: 't.paid_amount >= 0 AND t.paid_amount <= t.allowed_amount',
      keyColumns: CLAIM_KEY,
    },
    description: 'Paid is between 0 and the allowed amount (0 <= paid <= allowed).',
  },
  {
    name: 'claim_allowed_within_billed',
    table: CLAIM,
    kind: 'expression',
    severity: 'warn',
    params: {
      predicate: 't.allowed_amount >= 0 AND t.allowed_amount <= t.claim_amount',
      keyColumns: CLAIM_KEY,
    },
    description: 'The allowed amount is between 0 and the billed amount (allowed <= billed).',
  },
  {
    name: 'claim_denied_not_paid',
    table: CLAIM,
    kind: 'expression',
    severity: 'warn',
    params: { predicate: 't.paid_amount = 0', keyColumns: CLAIM_KEY, where: "t.status = 'denied'" },
    description: 'A denied claim pays nothing (denied => paid = 0).',
  },
  {
    name: 'claim_service_in_coverage',
    table: CLAIM,
    kind: 'expression',
    severity: 'warn',
    params: {
      predicate: `EXISTS (SELECT 1
                 FROM warehouse.dim_enrollment AS e
                WHERE e.current_flag
                  AND e.member_id = t.member_id
                  AND e.start_date <= t.service_date
                  AND (e.end_date IS NULL OR e.end_date >= t.service_date))`,
      keyColumns: CLAIM_KEY,
    },
    description:
      'The member had a coverage span (current version in dim_enrollment) covering the service date.',
  },
  // fact_enrollment
  {
    name: 'enrollment_period_keys_not_null',
    table: ENROLLMENT,
    kind: 'not_null',
    severity: 'error',
    params: {
      columns: [
        'member_id',
        'plan_id',
        'start_date',
        'member_sk',
        'plan_sk',
        'enrollment_start_date_key',
        'coverage_days',
        'premium_paid',
        'load_id',
      ],
      keyColumns: ENROLLMENT_KEY,
    },
    description: 'Every coverage period has its keys, dimension keys, measures and load batch.',
  },
  {
    name: 'enrollment_period_key_unique',
    table: ENROLLMENT,
    kind: 'unique',
    severity: 'error',
    params: { columns: ENROLLMENT_KEY },
    description: 'One row per (member_id, plan_id, start_date) continuous coverage period.',
  },
  {
    name: 'enrollment_period_member_resolves',
    table: ENROLLMENT,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['member_id', 'member_sk'],
      to: { table: 'warehouse.dim_member', columns: ['member_id', 'member_sk'] },
      keyColumns: ENROLLMENT_KEY,
    },
    description:
      'A coverage period member_sk is a version of its member (joined on member_id too).',
  },
  {
    name: 'enrollment_period_plan_resolves',
    table: ENROLLMENT,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['plan_sk'],
      to: { table: 'warehouse.dim_plan', columns: ['plan_sk'] },
      keyColumns: ENROLLMENT_KEY,
    },
    description: 'A coverage period plan_sk is a row of dim_plan.',
  },
  {
    name: 'enrollment_period_dates_resolve',
    table: ENROLLMENT,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['enrollment_start_date_key'],
      to: { table: 'warehouse.dim_date', columns: ['date_key'] },
      keyColumns: ENROLLMENT_KEY,
    },
    description: 'A coverage period start date_key is a day of dim_date.',
  },
  {
    name: 'enrollment_period_end_dates_resolve',
    table: ENROLLMENT,
    kind: 'relationships',
    severity: 'error',
    params: {
      columns: ['enrollment_end_date_key'],
      to: { table: 'warehouse.dim_date', columns: ['date_key'] },
      keyColumns: ENROLLMENT_KEY,
    },
    description: 'A closed coverage period end date_key is a day of dim_date.',
  },
  {
    name: 'enrollment_period_rows_present',
    table: ENROLLMENT,
    kind: 'row_count',
    severity: 'warn',
    params: { min: 1 },
    description: 'The enrollment fact is not empty (a warning: a batch may carry no enrollments).',
  },
];
