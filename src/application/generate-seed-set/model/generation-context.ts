/**
 * What every part of one generator run shares: the period the seed set covers, the plans and
 * providers, the text pools and the calibration of claim volume.
 */
import { DateText, civilOfDay, dayOfDate } from '../calendar';
import { TextPools } from '../ports/text-pools.port';
import { hashInts, hashString } from '../random';
import { Geography } from './geography';
import { PlanBook } from './plan-book';
import { ProviderDirectory } from './provider-directory';

export interface SeedPeriod {
  /** First day (day number) whose claims and coverage this seed set carries. */
  readonly start: number;
  /** Last day covered: the day before as_of (or as_of's own day when it is not midnight). */
  readonly end: number;
}

/**
 * The period of a seed set.
 *
 * Full: the `years` complete benefit years that end with the year before as_of's year, plus
 * the year-to-date of as_of's year when as_of is not 1 January (as_of 2025-01-01, years 1 →
 * 2024-01-01…2024-12-31; as_of 2025-04-01, years 1 → 2024-01-01…2025-03-31).
 * Incremental: from the previous seed set's as_of to the day before this one's.
 */
export function periodOf(asOf: Date, years: number): SeedPeriod {
  const end = lastCoveredDay(asOf);
  const endYear = civilOfDay(end + 1).year;
  const lastCompleteYear = endYear - 1;
  const firstYear = lastCompleteYear - years + 1;
  return { start: dayOfDate(new Date(Date.UTC(firstYear, 0, 1))), end };
}

/** The last day a seed set extracted at `asOf` covers. */
export function lastCoveredDay(asOf: Date): number {
  return dayOfDate(new Date(asOf.getTime() - 1));
}

/** Mean claims per member-year split between monthly refills and everything else. */
export interface ClaimCalibration {
  /** Multiplier turning a member's relative frequency into non-refill claims per year. */
  readonly poissonScale: number;
  /** Probability factor applied to every scheduled refill (1 = full adherence model). */
  readonly refillScale: number;
}

export interface GenerationContext {
  /** Seed of the chain: latent member traits, pools and reference data. */
  readonly seed: number;
  /** Key of this seed set's own randomness (the chain seed mixed with as_of). */
  readonly stepKey: number;
  readonly period: SeedPeriod;
  /** `yymmdd` of the period start, the prefix that makes claim ids unique across seed sets. */
  readonly claimIdTag: string;
  /** Benefit year of the period's last day (members' `year`). */
  readonly memberYear: number;
  readonly claimsPerMemberYear: number;
  readonly plans: PlanBook;
  readonly providers: ProviderDirectory;
  readonly geography: Geography;
  readonly pools: TextPools;
  readonly dates: DateText;
  readonly calibration: ClaimCalibration;
  /** Share of rows followed by a messy row (0 when messy mode is off). */
  readonly messyRate: number;
}

export function stepKeyOf(seed: number, asOf: Date): number {
  return hashInts(seed, hashString('step'), Math.floor(asOf.getTime() / 1000));
}

export function claimIdTagOf(periodStart: number): string {
  const c = civilOfDay(periodStart);
  return `${String(c.year % 100).padStart(2, '0')}${String(c.month).padStart(2, '0')}${String(c.day).padStart(2, '0')}`;
}
