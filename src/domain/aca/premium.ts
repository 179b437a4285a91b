import { MetalTier } from '../seed-contract';
import { ageRatingFactor } from './age-rating-curve';
import { applicablePercentage } from './applicable-percentage';
import { isAptcEligibleMetal } from './metal-tiers';
import { povertyGuidelineForPlanYear } from './federal-poverty-guidelines';

/** Maximum tobacco rating factor the ACA allows (1.5 : 1). */
export const MAX_TOBACCO_FACTOR = 1.5;

export interface PremiumInputs {
  /** Plan's base monthly premium (age 21, non-tobacco) in cents: `plans.monthly_premium`. */
  readonly baseMonthlyPremiumCents: number;
  /** Benchmark (second-lowest-cost Silver) base monthly premium in cents, same year and area. */
  readonly benchmarkMonthlyPremiumCents: number;
  /** Member's age in whole years on the span's first day. */
  readonly age: number;
  /** Tobacco rating factor, 1.0 (non-user or state bans tobacco rating) to 1.5. */
  readonly tobaccoFactor: number;
  /** Household income over the poverty guideline (2.35 = 235 % FPL). */
  readonly fplRatio: number;
  /** Plan (benefit) year of the span. */
  readonly planYear: number;
  /** Two-letter state code (Alaska and Hawaii have their own poverty guidelines). */
  readonly state: string;
  readonly metal: MetalTier;
}

export interface MonthlyPremium {
  /** Full monthly premium the insurer charges: base × age factor × tobacco factor. */
  readonly grossCents: number;
  /** Advance premium tax credit applied each month. */
  readonly aptcCents: number;
  /** What the member pays each month after the credit. */
  readonly memberCents: number;
}

/**
 * Monthly premium of one member in one plan, before and after the advance premium tax credit.
 *
 * All amounts are integer cents, each product rounded half up:
 *
 * ```
 * f            = ageRatingFactor(age)                       federal default curve, 0.765 … 3.000
 * gross        = round(base × f × tobacco)                  tobacco 1.0 … 1.5
 * ehb          = round(base × f)                            the tobacco surcharge is never subsidised
 * benchmark    = round(slcsp × f)                           second-lowest-cost Silver, same age
 * contribution = round(applicablePercentage(fpl) × fpl × povertyGuideline(year − 1, state) × 100 / 12)
 * aptc         = metal = Catastrophic ? 0 : min(ehb, max(0, benchmark − contribution))
 * member       = gross − aptc
 * ```
 *
 * `applicablePercentage` is the ARP/IRA table: 0 % up to 150 % FPL, rising linearly to 2 % at
 * 200 %, 4 % at 250 %, 6 % at 300 % and 8.5 % at 400 % FPL and above.
 */
export function monthlyPremium(input: PremiumInputs): MonthlyPremium {
  const factor = ageRatingFactor(input.age);
  const grossCents = Math.round(input.baseMonthlyPremiumCents * factor * input.tobaccoFactor);
  const ehbCents = Math.round(input.baseMonthlyPremiumCents * factor);
  const benchmarkCents = Math.round(input.benchmarkMonthlyPremiumCents * factor);
  const incomeDollars = input.fplRatio * povertyGuidelineForPlanYear(input.planYear, input.state);
  const contributionCents = Math.round(
    (applicablePercentage(input.fplRatio) * incomeDollars * 100) / 12,
  );
  const aptcCents = isAptcEligibleMetal(input.metal)
    ? Math.min(ehbCents, Math.max(0, benchmarkCents - contributionCents))
    : 0;
  return { grossCents, aptcCents, memberCents: grossCents - aptcCents };
}

/**
 * `premium_paid` of an enrollment span in cents: what the member paid after the advance premium
 * tax credit, `months × monthlyPremium(input).memberCents`. Coverage is bought by calendar
 * month, so `months` counts the months of the span (an open span: the months up to and
 * including the month of the seed set's last covered day).
 */
export function spanPremiumPaidCents(input: PremiumInputs, months: number): number {
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`months must be a non-negative integer, got ${months}`);
  }
  return months * monthlyPremium(input).memberCents;
}
