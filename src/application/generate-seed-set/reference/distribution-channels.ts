/**
 * Who sells and contracts: general agencies, brokers' agencies, strategic-alliance contracting
 * entities (one per census division, also the providers' best contracting entity) and issuers.
 * All names are invented for the generator.
 */
import { CensusDivision } from '../../../domain/aca';
import { CensusRegion } from '../../../domain/seed-contract';

export const GENERAL_AGENCIES: readonly { readonly name: string; readonly region: CensusRegion }[] =
  [
    { name: 'Benefit Advisors Group', region: 'Northeast' },
    { name: 'Keystone Health Marketing', region: 'Northeast' },
    { name: 'Liberty Health Advisors', region: 'Northeast' },
    { name: 'Heartland Insurance Services', region: 'Midwest' },
    { name: 'Prairie Health Agency', region: 'Midwest' },
    { name: 'Great Lakes Benefit Partners', region: 'Midwest' },
    { name: 'Sunbelt Insurance Partners', region: 'South' },
    { name: 'Lone Star Benefits Agency', region: 'South' },
    { name: 'Peachtree Benefits Group', region: 'South' },
    { name: 'Gulf Coast Insurance Group', region: 'South' },
    { name: 'Magnolia Health Agency', region: 'South' },
    { name: 'Coastal Coverage Associates', region: 'South' },
    { name: 'Pacific Coverage Partners', region: 'West' },
    { name: 'Summit Health Brokers', region: 'West' },
    { name: 'Evergreen Benefit Solutions', region: 'West' },
  ];

export const CONTRACTING_ENTITY_BY_DIVISION: Readonly<Record<CensusDivision, string>> = {
  'New England': 'Northeast Care Alliance',
  'Middle Atlantic': 'Tri-State Provider Alliance',
  'East North Central': 'Great Lakes Health Alliance',
  'West North Central': 'Heartland Care Network',
  'South Atlantic': 'Atlantic Coast Health Partners',
  'East South Central': 'Southern Heritage Care Alliance',
  'West South Central': 'Gulf States Health Partners',
  Mountain: 'Mountain West Care Alliance',
  Pacific: 'Pacific Care Collaborative',
};

/** Share of Marketplace enrollees who enrolled through an agent or broker. */
export const BROKER_SHARE_DEFAULT = 0.45;
/** States where most enrollment runs through brokers (direct enrollment is common there). */
export const BROKER_SHARE_HIGH: Readonly<Record<string, number>> = {
  FL: 0.72,
  TX: 0.68,
  GA: 0.66,
  NC: 0.6,
  SC: 0.6,
  TN: 0.58,
  AL: 0.58,
  MS: 0.6,
};

export interface Issuer {
  readonly name: string;
  readonly shortName: string;
  readonly state: string;
}

export const ISSUERS: readonly Issuer[] = [
  { name: 'Keystone Health Plan', shortName: 'Keystone', state: 'PA' },
  { name: 'Bluewater Health Insurance', shortName: 'Bluewater', state: 'FL' },
  { name: 'Summit Mutual Health', shortName: 'Summit', state: 'CO' },
  { name: 'Heartland Health Cooperative', shortName: 'Heartland', state: 'IA' },
  { name: 'Sunrise Health Plans', shortName: 'Sunrise', state: 'AZ' },
  { name: 'Lone Star Health Plan', shortName: 'Lone Star', state: 'TX' },
  { name: 'Peach State Health', shortName: 'Peach State', state: 'GA' },
  { name: 'Cascade Care Insurance', shortName: 'Cascade', state: 'WA' },
  { name: 'Harbor Health Partners', shortName: 'Harbor', state: 'NC' },
  { name: 'Great Lakes Health Plan', shortName: 'Great Lakes', state: 'MI' },
  { name: 'Magnolia Health Plan', shortName: 'Magnolia', state: 'MS' },
  { name: 'Golden State Health', shortName: 'Golden State', state: 'CA' },
];

/** Marketing words of plan names by metal tier. */
export const PLAN_NAME_WORDS: Readonly<Record<string, readonly string[]>> = {
  Catastrophic: ['Essential', 'Secure'],
  Bronze: ['Value', 'Basic', 'Saver', 'HSA'],
  Silver: ['Balanced', 'Select', 'Standard', 'Core'],
  Gold: ['Premier', 'Plus', 'Preferred'],
  Platinum: ['Elite', 'Complete'],
};
