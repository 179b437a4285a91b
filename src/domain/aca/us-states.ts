import { CensusRegion } from '../seed-contract';

/** US Census Bureau divisions (nine), each inside one census region. */
export type CensusDivision =
  | 'New England'
  | 'Middle Atlantic'
  | 'East North Central'
  | 'West North Central'
  | 'South Atlantic'
  | 'East South Central'
  | 'West South Central'
  | 'Mountain'
  | 'Pacific';

export interface UsState {
  /** USPS two-letter code. */
  readonly code: string;
  readonly name: string;
  readonly region: CensusRegion;
  readonly division: CensusDivision;
  /** USPS 3-digit ZIP prefixes (sectional center facilities) serving the state. */
  readonly zipPrefixes: readonly string[];
  /** Approximate 2024 open-enrollment Marketplace plan selections, in thousands. */
  readonly marketplaceThousands: number;
  /** Medicaid expansion adopted (status of 2024). */
  readonly medicaidExpansion: boolean;
  /** Whether insurers may rate premiums for tobacco use (CA, DC, MA, NJ, NY, RI, VT ban it). */
  readonly tobaccoRating: boolean;
}

/** Expands `'010-027,055'` into `['010', …, '027', '055']`. */
function prefixes(ranges: string): string[] {
  const out: string[] = [];
  for (const part of ranges.split(',')) {
    const [from, to = from] = part.split('-');
    for (let p = Number(from); p <= Number(to); p++) out.push(String(p).padStart(3, '0'));
  }
  return out;
}

function state(
  code: string,
  name: string,
  region: CensusRegion,
  division: CensusDivision,
  zipRanges: string,
  marketplaceThousands: number,
  medicaidExpansion: boolean,
  tobaccoRating = true,
): UsState {
  return {
    code,
    name,
    region,
    division,
    zipPrefixes: prefixes(zipRanges),
    marketplaceThousands,
    medicaidExpansion,
    tobaccoRating,
  };
}

/** The 50 states and the District of Columbia, alphabetical by code. */
export const US_STATES: readonly UsState[] = [
  state('AK', 'Alaska', 'West', 'Pacific', '995-999', 27, true),
  state('AL', 'Alabama', 'South', 'East South Central', '350-369', 379, false),
  state('AR', 'Arkansas', 'South', 'West South Central', '716-729', 112, true),
  state('AZ', 'Arizona', 'West', 'Mountain', '850-865', 310, true),
  state('CA', 'California', 'West', 'Pacific', '900-961', 1784, true, false),
  state('CO', 'Colorado', 'West', 'Mountain', '800-816', 237, true),
  state('CT', 'Connecticut', 'Northeast', 'New England', '060-069', 129, true),
  state('DC', 'District of Columbia', 'South', 'South Atlantic', '200,202-205', 14, true, false),
  state('DE', 'Delaware', 'South', 'South Atlantic', '197-199', 45, true),
  state('FL', 'Florida', 'South', 'South Atlantic', '320-339,341-342,344,346-347,349', 4211, false),
  state('GA', 'Georgia', 'South', 'South Atlantic', '300-319,398-399', 1305, false),
  state('HI', 'Hawaii', 'West', 'Pacific', '967-968', 22, true),
  state('IA', 'Iowa', 'Midwest', 'West North Central', '500-528', 111, true),
  state('ID', 'Idaho', 'West', 'Mountain', '832-838', 97, true),
  state('IL', 'Illinois', 'Midwest', 'East North Central', '600-629', 398, true),
  state('IN', 'Indiana', 'Midwest', 'East North Central', '460-479', 282, true),
  state('KS', 'Kansas', 'Midwest', 'West North Central', '660-679', 166, false),
  state('KY', 'Kentucky', 'South', 'East South Central', '400-427', 76, true),
  state('LA', 'Louisiana', 'South', 'West South Central', '700-714', 221, true),
  state('MA', 'Massachusetts', 'Northeast', 'New England', '010-027,055', 271, true, false),
  state('MD', 'Maryland', 'South', 'South Atlantic', '206-219', 213, true),
  state('ME', 'Maine', 'Northeast', 'New England', '039-049', 62, true),
  state('MI', 'Michigan', 'Midwest', 'East North Central', '480-499', 418, true),
  state('MN', 'Minnesota', 'Midwest', 'West North Central', '550-567', 136, true),
  state('MO', 'Missouri', 'Midwest', 'West North Central', '630-658', 365, true),
  state('MS', 'Mississippi', 'South', 'East South Central', '386-397', 290, false),
  state('MT', 'Montana', 'West', 'Mountain', '590-599', 66, true),
  state('NC', 'North Carolina', 'South', 'South Atlantic', '270-289', 975, true),
  state('ND', 'North Dakota', 'Midwest', 'West North Central', '580-588', 35, true),
  state('NE', 'Nebraska', 'Midwest', 'West North Central', '680-693', 116, true),
  state('NH', 'New Hampshire', 'Northeast', 'New England', '030-038', 65, true),
  state('NJ', 'New Jersey', 'Northeast', 'Middle Atlantic', '070-089', 398, true, false),
  state('NM', 'New Mexico', 'West', 'Mountain', '870-884', 56, true),
  state('NV', 'Nevada', 'West', 'Mountain', '889-898', 99, true),
  state('NY', 'New York', 'Northeast', 'Middle Atlantic', '100-149', 214, true, false),
  state('OH', 'Ohio', 'Midwest', 'East North Central', '430-459', 390, true),
  state('OK', 'Oklahoma', 'South', 'West South Central', '730-731,734-749', 277, true),
  state('OR', 'Oregon', 'West', 'Pacific', '970-979', 146, true),
  state('PA', 'Pennsylvania', 'Northeast', 'Middle Atlantic', '150-196', 434, true),
  state('RI', 'Rhode Island', 'Northeast', 'New England', '028-029', 37, true, false),
  state('SC', 'South Carolina', 'South', 'South Atlantic', '290-299', 564, false),
  state('SD', 'South Dakota', 'Midwest', 'West North Central', '570-577', 50, true),
  state('TN', 'Tennessee', 'South', 'East South Central', '370-385', 550, false),
  state('TX', 'Texas', 'South', 'West South Central', '750-799,733,885', 3484, false),
  state('UT', 'Utah', 'West', 'Mountain', '840-847', 366, true),
  state('VA', 'Virginia', 'South', 'South Atlantic', '201,220-246', 400, true),
  state('VT', 'Vermont', 'Northeast', 'New England', '050-054,056-059', 29, true, false),
  state('WA', 'Washington', 'West', 'Pacific', '980-994', 232, true),
  state('WI', 'Wisconsin', 'Midwest', 'East North Central', '530-549', 266, false),
  state('WV', 'West Virginia', 'South', 'South Atlantic', '247-268', 53, true),
  state('WY', 'Wyoming', 'West', 'Mountain', '820-831', 45, false),
];

const BY_CODE: ReadonlyMap<string, UsState> = new Map(US_STATES.map((s) => [s.code, s]));

/** The state with a USPS code (case-insensitive), or undefined for anything else (e.g. `PW`). */
export function usStateByCode(code: string): UsState | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/** True for the 50 states and DC. */
export function isUsStateCode(code: string): boolean {
  return usStateByCode(code) !== undefined;
}

/** True when a 5-digit ZIP code's 3-digit prefix belongs to the state. */
export function isZipInState(zip: string, stateCode: string): boolean {
  const s = usStateByCode(stateCode);
  return !!s && /^\d{5}$/.test(zip) && s.zipPrefixes.includes(zip.slice(0, 3));
}
