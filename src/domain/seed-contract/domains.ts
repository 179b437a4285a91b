/** Value domains the contract lists; the warehouse stores these spellings. */
export const METAL_TIERS = ['Catastrophic', 'Bronze', 'Silver', 'Gold', 'Platinum'] as const;
export type MetalTier = (typeof METAL_TIERS)[number];

export const GENDERS = ['F', 'M', 'O', 'U'] as const;
export const NETWORK_ACCESS_TYPES = ['HMO', 'PPO', 'EPO', 'POS'] as const;
export const CENSUS_REGIONS = ['Northeast', 'Midwest', 'South', 'West'] as const;
export type CensusRegion = (typeof CENSUS_REGIONS)[number];

export const AGE_GROUPS = ['<18', '18-25', '26-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const CLAIM_STATUSES = ['approved', 'denied', 'pending'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_TYPES = ['Facility', 'Professional', 'RX'] as const;
export const CSR_VARIANTS = ['none', '73', '87', '94'] as const;

/** Accepted spellings of booleans (compared lower-case). */
export const TRUE_WORDS = ['1', 'true', 't', 'yes', 'y'] as const;
export const FALSE_WORDS = ['0', 'false', 'f', 'no', 'n'] as const;
