/**
 * The dimensions of the claims cube, declared once: the cube migration, the refresh step and
 * the query service all read this list. `column` is the stored column of mart.claims_cube (and
 * of its two base tables); a derived dimension (year) is computed from a stored one.
 */

/** Stored cube columns, in the order of the `GROUPING(...)` call that yields `grouping_id`. */
export const CUBE_COLUMNS = [
  'month',
  'metal_tier',
  'state',
  'age_group',
  'clinical_segment',
  'plan_id',
  'specialty',
  'claim_type',
] as const;
export type CubeColumn = (typeof CUBE_COLUMNS)[number];

/**
 * Which side of the warehouse a column describes: member-side columns (the member and plan
 * version in force) exist on claims and on covered member months alike; claim-side columns
 * (the provider's specialty, the claim type) exist on claims only, so member months are never
 * split by them.
 */
export type CubeSide = 'time' | 'member' | 'claim';

export const COLUMN_SIDE: Readonly<Record<CubeColumn, CubeSide>> = {
  month: 'time',
  metal_tier: 'member',
  state: 'member',
  age_group: 'member',
  clinical_segment: 'member',
  plan_id: 'member',
  specialty: 'claim',
  claim_type: 'claim',
};

export type DimensionValueType = 'date' | 'integer' | 'text';

export interface CubeDimension {
  readonly name: string;
  readonly description: string;
  /** The stored column the dimension reads. */
  readonly column: CubeColumn;
  /** How the value is derived from the column: as is, or the calendar year of a month. */
  readonly derive: 'none' | 'year';
  readonly valueType: DimensionValueType;
}

export const CUBE_DIMENSIONS: readonly CubeDimension[] = [
  {
    name: 'month',
    description: 'First day of the service month (claims) or of the covered month (member months).',
    column: 'month',
    derive: 'none',
    valueType: 'date',
  },
  {
    name: 'year',
    description: 'Calendar year of the month (rolled up from the monthly cells).',
    column: 'month',
    derive: 'year',
    valueType: 'integer',
  },
  {
    name: 'metal_tier',
    description: 'Metal tier of the plan version in force (Catastrophic, Bronze ... Platinum).',
    column: 'metal_tier',
    derive: 'none',
    valueType: 'text',
  },
  {
    name: 'state',
    description: 'State of residence of the member version in force.',
    column: 'state',
    derive: 'none',
    valueType: 'text',
  },
  {
    name: 'age_group',
    description: 'Age band of the member version in force.',
    column: 'age_group',
    derive: 'none',
    valueType: 'text',
  },
  {
    name: 'clinical_segment',
    description: 'Clinical segment of the member version in force.',
    column: 'clinical_segment',
    derive: 'none',
    valueType: 'text',
  },
  {
    name: 'plan_id',
    description: 'Plan identifier (stored alone with month only: combine it with nothing else).',
    column: 'plan_id',
    derive: 'none',
    valueType: 'text',
  },
  {
    name: 'specialty',
    description:
      'Specialty of the provider version in force on the service date (the billed specialty when the provider has none). Claims only: member months are not split by it.',
    column: 'specialty',
    derive: 'none',
    valueType: 'text',
  },
  {
    name: 'claim_type',
    description: 'Facility, Professional or RX. Claims only: member months are not split by it.',
    column: 'claim_type',
    derive: 'none',
    valueType: 'text',
  },
];
