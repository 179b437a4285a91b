import { MetalTier } from '../seed-contract';

/**
 * Actuarial value (share of covered costs the plan pays for a standard population) per metal
 * tier (ACA §1302(d)): Bronze 60 %, Silver 70 %, Gold 80 %, Platinum 90 %. Catastrophic plans
 * have no AV requirement (they pay nothing before the out-of-pocket maximum except preventive
 * care and three primary-care visits); 0.57 is a typical value.
 */
export const METAL_ACTUARIAL_VALUE: Readonly<Record<MetalTier, number>> = Object.freeze({
  Catastrophic: 0.57,
  Bronze: 0.6,
  Silver: 0.7,
  Gold: 0.8,
  Platinum: 0.9,
});

/** Metal tiers in increasing actuarial value. */
export const METALS_BY_ACTUARIAL_VALUE: readonly MetalTier[] = [
  'Catastrophic',
  'Bronze',
  'Silver',
  'Gold',
  'Platinum',
];

/** Catastrophic plans are open to people under 30 (or with a hardship exemption) only. */
export const CATASTROPHIC_MAX_AGE = 29;

/** Advance premium tax credits cannot be applied to Catastrophic plans (26 U.S.C. 36B(c)(3)(A)). */
export function isAptcEligibleMetal(metal: MetalTier): boolean {
  return metal !== 'Catastrophic';
}
