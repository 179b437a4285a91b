/**
 * Provider specialties of the generated directory: who they are (a clinician with a credential
 * or an organization), their share of the directory, and how organizations are named.
 */
export type OrganizationStyle =
  | 'hospital'
  | 'surgery_center'
  | 'imaging'
  | 'laboratory'
  | 'urgent_care'
  | 'pharmacy'
  | 'specialty_pharmacy';

export interface ProviderSpecialty {
  readonly name: string;
  /** Credentials of clinicians (`MD`, `DO`, `NP` …); empty for organizations. */
  readonly credentials: readonly string[];
  readonly organization?: OrganizationStyle;
  /** Relative share of the directory. */
  readonly weight: number;
}

const physician = ['MD', 'MD', 'MD', 'DO'];

export const PROVIDER_SPECIALTIES: readonly ProviderSpecialty[] = [
  { name: 'Family Medicine', credentials: physician, weight: 120 },
  { name: 'Internal Medicine', credentials: physician, weight: 90 },
  { name: 'Nurse Practitioner', credentials: ['NP', 'FNP-C', 'APRN'], weight: 90 },
  { name: 'Pediatrics', credentials: physician, weight: 50 },
  { name: 'Obstetrics & Gynecology', credentials: physician, weight: 35 },
  { name: 'Cardiology', credentials: physician, weight: 25 },
  { name: 'Endocrinology', credentials: physician, weight: 12 },
  { name: 'Pulmonology', credentials: physician, weight: 12 },
  { name: 'Nephrology', credentials: physician, weight: 8 },
  { name: 'Rheumatology', credentials: physician, weight: 7 },
  { name: 'Infectious Disease', credentials: physician, weight: 5 },
  { name: 'Hematology/Oncology', credentials: physician, weight: 12 },
  { name: 'Dermatology', credentials: physician, weight: 15 },
  { name: 'Neurology', credentials: physician, weight: 12 },
  { name: 'Gastroenterology', credentials: physician, weight: 15 },
  { name: 'Orthopedic Surgery', credentials: physician, weight: 20 },
  { name: 'Psychiatry', credentials: physician, weight: 25 },
  { name: 'Psychology', credentials: ['PhD', 'PsyD'], weight: 30 },
  { name: 'Clinical Social Work', credentials: ['LCSW', 'LICSW'], weight: 35 },
  { name: 'Physical Therapy', credentials: ['PT', 'DPT'], weight: 40 },
  { name: 'Emergency Medicine', credentials: physician, weight: 35 },
  { name: 'Anesthesiology', credentials: ['MD', 'MD', 'CRNA'], weight: 25 },
  { name: 'Diagnostic Radiology', credentials: physician, weight: 25 },
  { name: 'General Acute Care Hospital', credentials: [], organization: 'hospital', weight: 25 },
  {
    name: 'Ambulatory Surgical Center',
    credentials: [],
    organization: 'surgery_center',
    weight: 15,
  },
  { name: 'Imaging Center', credentials: [], organization: 'imaging', weight: 12 },
  { name: 'Clinical Laboratory', credentials: [], organization: 'laboratory', weight: 15 },
  { name: 'Urgent Care Center', credentials: [], organization: 'urgent_care', weight: 20 },
  { name: 'Pharmacy', credentials: [], organization: 'pharmacy', weight: 70 },
  { name: 'Specialty Pharmacy', credentials: [], organization: 'specialty_pharmacy', weight: 8 },
];

const INDEX = new Map(PROVIDER_SPECIALTIES.map((s, i) => [s.name, i]));

/** Index of a specialty name, or -1 when the directory does not know it. */
export function specialtyIndex(name: string): number {
  return INDEX.get(name) ?? -1;
}

/** Name patterns of organizations; `{city}` and `{last}` are filled from the text pools. */
export const ORGANIZATION_NAME_PATTERNS: Readonly<Record<OrganizationStyle, readonly string[]>> = {
  hospital: [
    '{city} Regional Medical Center',
    '{city} General Hospital',
    '{city} Community Hospital',
    'St. {last} Medical Center',
    'Mercy Hospital {city}',
    '{city} Memorial Hospital',
  ],
  surgery_center: [
    '{city} Surgery Center',
    '{last} Ambulatory Surgery Center',
    '{city} Endoscopy Center',
  ],
  imaging: ['{city} Imaging Center', 'Advanced Imaging of {city}', '{last} Radiology Associates'],
  laboratory: [
    '{last} Diagnostic Laboratories',
    '{city} Clinical Lab',
    '{last} Pathology Services',
  ],
  urgent_care: ['{city} Urgent Care', '{city} Walk-In Clinic', '{last} Express Care'],
  pharmacy: [
    '{last} Family Pharmacy',
    '{city} Drug',
    '{last} Apothecary',
    '{city} Community Pharmacy',
  ],
  specialty_pharmacy: ['{last} Specialty Pharmacy', '{city} Specialty Rx'],
};

/** Suffixes of provider group names (`{city} Medical Group`). */
export const PROVIDER_GROUP_SUFFIXES: readonly string[] = [
  'Medical Group',
  'Physicians Network',
  'Health Partners',
  'Care Associates',
  'Clinic',
  'Health System',
  'Independent Physicians Association',
  'Medical Associates',
];
