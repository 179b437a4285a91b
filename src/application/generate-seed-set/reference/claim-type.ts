import { CLAIM_TYPES } from '../../../domain/seed-contract';

/** Claim form, spelled as in the seed contract's `claim_type` domain. */
export type ClaimType = (typeof CLAIM_TYPES)[number];
