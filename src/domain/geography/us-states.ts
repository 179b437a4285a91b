import { CensusRegion } from '../seed-contract/domains';

export interface UsState {
  readonly code: string;
  readonly name: string;
  readonly region: CensusRegion;
  readonly division: string;
}

const NE = 'Northeast' as const;
const MW = 'Midwest' as const;
const S = 'South' as const;
const W = 'West' as const;

/** The 50 states and DC with their US Census region and division. */
export const US_STATES: readonly UsState[] = [
  { code: 'CT', name: 'Connecticut', region: NE, division: 'New England' },
  { code: 'ME', name: 'Maine', region: NE, division: 'New England' },
  { code: 'MA', name: 'Massachusetts', region: NE, division: 'New England' },
  { code: 'NH', name: 'New Hampshire', region: NE, division: 'New England' },
  { code: 'RI', name: 'Rhode Island', region: NE, division: 'New England' },
  { code: 'VT', name: 'Vermont', region: NE, division: 'New England' },
  { code: 'NJ', name: 'New Jersey', region: NE, division: 'Middle Atlantic' },
  { code: 'NY', name: 'New York', region: NE, division: 'Middle Atlantic' },
  { code: 'PA', name: 'Pennsylvania', region: NE, division: 'Middle Atlantic' },
  { code: 'IL', name: 'Illinois', region: MW, division: 'East North Central' },
  { code: 'IN', name: 'Indiana', region: MW, division: 'East North Central' },
  { code: 'MI', name: 'Michigan', region: MW, division: 'East North Central' },
  { code: 'OH', name: 'Ohio', region: MW, division: 'East North Central' },
  { code: 'WI', name: 'Wisconsin', region: MW, division: 'East North Central' },
  { code: 'IA', name: 'Iowa', region: MW, division: 'West North Central' },
  { code: 'KS', name: 'Kansas', region: MW, division: 'West North Central' },
  { code: 'MN', name: 'Minnesota', region: MW, division: 'West North Central' },
  { code: 'MO', name: 'Missouri', region: MW, division: 'West North Central' },
  { code: 'NE', name: 'Nebraska', region: MW, division: 'West North Central' },
  { code: 'ND', name: 'North Dakota', region: MW, division: 'West North Central' },
  { code: 'SD', name: 'South Dakota', region: MW, division: 'West North Central' },
  { code: 'DE', name: 'Delaware', region: S, division: 'South Atlantic' },
  { code: 'DC', name: 'District of Columbia', region: S, division: 'South Atlantic' },
  { code: 'FL', name: 'Florida', region: S, division: 'South Atlantic' },
  { code: 'GA', name: 'Georgia', region: S, division: 'South Atlantic' },
  { code: 'MD', name: 'Maryland', region: S, division: 'South Atlantic' },
  { code: 'NC', name: 'North Carolina', region: S, division: 'South Atlantic' },
  { code: 'SC', name: 'South Carolina', region: S, division: 'South Atlantic' },
  { code: 'VA', name: 'Virginia', region: S, division: 'South Atlantic' },
  { code: 'WV', name: 'West Virginia', region: S, division: 'South Atlantic' },
  { code: 'AL', name: 'Alabama', region: S, division: 'East South Central' },
  { code: 'KY', name: 'Kentucky', region: S, division: 'East South Central' },
  { code: 'MS', name: 'Mississippi', region: S, division: 'East South Central' },
  { code: 'TN', name: 'Tennessee', region: S, division: 'East South Central' },
  { code: 'AR', name: 'Arkansas', region: S, division: 'West South Central' },
  { code: 'LA', name: 'Louisiana', region: S, division: 'West South Central' },
  { code: 'OK', name: 'Oklahoma', region: S, division: 'West South Central' },
  { code: 'TX', name: 'Texas', region: S, division: 'West South Central' },
  { code: 'AZ', name: 'Arizona', region: W, division: 'Mountain' },
  { code: 'CO', name: 'Colorado', region: W, division: 'Mountain' },
  { code: 'ID', name: 'Idaho', region: W, division: 'Mountain' },
  { code: 'MT', name: 'Montana', region: W, division: 'Mountain' },
  { code: 'NV', name: 'Nevada', region: W, division: 'Mountain' },
  { code: 'NM', name: 'New Mexico', region: W, division: 'Mountain' },
  { code: 'UT', name: 'Utah', region: W, division: 'Mountain' },
  { code: 'WY', name: 'Wyoming', region: W, division: 'Mountain' },
  { code: 'AK', name: 'Alaska', region: W, division: 'Pacific' },
  { code: 'CA', name: 'California', region: W, division: 'Pacific' },
  { code: 'HI', name: 'Hawaii', region: W, division: 'Pacific' },
  { code: 'OR', name: 'Oregon', region: W, division: 'Pacific' },
  { code: 'WA', name: 'Washington', region: W, division: 'Pacific' },
];

const BY_CODE = new Map(US_STATES.map((s) => [s.code, s]));

export function usState(code: string): UsState | undefined {
  return BY_CODE.get(code.toUpperCase());
}
