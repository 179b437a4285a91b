/**
 * The measures of the claims cube, declared once. Stored measures are columns of
 * mart.claims_cube summed over the cells a question rolls up; `members` is a distinct count
 * (not additive: the query service never sums it across cells that may share a member);
 * derived measures are ratios of stored ones, computed after the roll-up.
 */

export type MeasureUnit =
  'count' | 'usd' | 'member_months' | 'usd_per_member_month' | 'ratio' | 'per_1000_member_months';

/** A column of mart.claims_cube summed over cells; `side` says which base it comes from. */
export interface StoredMeasure {
  readonly kind: 'sum';
  readonly name: string;
  readonly description: string;
  readonly unit: MeasureUnit;
  readonly column: StoredMeasureColumn;
  readonly side: 'claim' | 'member';
  /** Decimal places of the result (counts 0). */
  readonly scale: number;
}

/** Distinct members with at least one claim in the cell. */
export interface DistinctMeasure {
  readonly kind: 'distinct';
  readonly name: string;
  readonly description: string;
  readonly unit: 'count';
}

/** numerator × multiplier / denominator, rounded to `scale`; NULL when the denominator is 0. */
export interface DerivedMeasure {
  readonly kind: 'ratio';
  readonly name: string;
  readonly description: string;
  readonly unit: MeasureUnit;
  readonly numerator: StoredMeasureColumn;
  readonly denominator: StoredMeasureColumn;
  readonly multiplier: number;
  readonly scale: number;
}

export type CubeMeasure = StoredMeasure | DistinctMeasure | DerivedMeasure;

export const STORED_MEASURE_COLUMNS = [
  'claims',
  'denied_claims',
  'billed',
  'allowed',
  'paid',
  'member_months',
  'premium',
] as const;
export type StoredMeasureColumn = (typeof STORED_MEASURE_COLUMNS)[number];

export const CUBE_MEASURES: readonly CubeMeasure[] = [
  {
    kind: 'sum',
    name: 'claims',
    description: 'Number of claims (all statuses).',
    unit: 'count',
    column: 'claims',
    side: 'claim',
    scale: 0,
  },
  {
    kind: 'sum',
    name: 'denied_claims',
    description: 'Number of claims with status denied.',
    unit: 'count',
    column: 'denied_claims',
    side: 'claim',
    scale: 0,
  },
  {
    kind: 'distinct',
    name: 'members',
    description: 'Distinct members with at least one claim (a distinct count: not additive).',
    unit: 'count',
  },
  {
    kind: 'sum',
    name: 'billed',
    description: 'Billed amount (claim_amount), USD.',
    unit: 'usd',
    column: 'billed',
    side: 'claim',
    scale: 2,
  },
  {
    kind: 'sum',
    name: 'allowed',
    description: 'Allowed amount, USD.',
    unit: 'usd',
    column: 'allowed',
    side: 'claim',
    scale: 2,
  },
  {
    kind: 'sum',
    name: 'paid',
    description: 'Paid amount, USD.',
    unit: 'usd',
    column: 'paid',
    side: 'claim',
    scale: 2,
  },
  {
    kind: 'sum',
    name: 'member_months',
    description:
      'Covered member months from fact_enrollment (covered days / days in the month); not split by specialty or claim type.',
    unit: 'member_months',
    column: 'member_months',
    side: 'member',
    scale: 2,
  },
  {
    kind: 'sum',
    name: 'premium',
    description:
      'Premium paid, USD: each coverage period’s premium_paid spread over its covered months.',
    unit: 'usd',
    column: 'premium',
    side: 'member',
    scale: 2,
  },
  {
    kind: 'ratio',
    name: 'pmpm',
    description: 'Paid per member per month: paid / member_months, USD.',
    unit: 'usd_per_member_month',
    numerator: 'paid',
    denominator: 'member_months',
    multiplier: 1,
    scale: 2,
  },
  {
    kind: 'ratio',
    name: 'allowed_pmpm',
    description: 'Allowed per member per month: allowed / member_months, USD.',
    unit: 'usd_per_member_month',
    numerator: 'allowed',
    denominator: 'member_months',
    multiplier: 1,
    scale: 2,
  },
  {
    kind: 'ratio',
    name: 'denial_rate',
    description: 'Share of claims denied: denied_claims / claims.',
    unit: 'ratio',
    numerator: 'denied_claims',
    denominator: 'claims',
    multiplier: 1,
    scale: 4,
  },
  {
    kind: 'ratio',
    name: 'claims_per_1000',
    description: 'Claims per 1,000 member months: claims × 1000 / member_months.',
    unit: 'per_1000_member_months',
    numerator: 'claims',
    denominator: 'member_months',
    multiplier: 1000,
    scale: 2,
  },
  {
    kind: 'ratio',
    name: 'mlr',
    description: 'Medical loss ratio: paid / premium (the ACA asks for at least 0.80).',
    unit: 'ratio',
    numerator: 'paid',
    denominator: 'premium',
    multiplier: 1,
    scale: 4,
  },
];
