/**
 * Builds everything a full generation needs from its options and the text pools. It is a pure
 * function of its inputs, so worker threads rebuild the identical context from the same data.
 */
import { DateText, civilOfDay } from '../calendar';
import { TextPools } from '../ports/text-pools.port';
import { calibrateClaims } from './calibration';
import {
  ClaimCalibration,
  GenerationContext,
  claimIdTagOf,
  periodOf,
  stepKeyOf,
} from './generation-context';
import { Geography } from './geography';
import { PlanBook, PlanYearRow, generatePlanRows } from './plan-book';
import { ProviderDirectory, ProviderRow, generateProviderRows } from './provider-directory';

/** The serialisable inputs of a full generation (what a worker thread receives). */
export interface FullContextInput {
  readonly seed: number;
  readonly asOfMs: number;
  readonly years: number;
  readonly providers: number;
  readonly plans: number;
  readonly claimsPerMemberYear: number;
  readonly messyRate: number;
}

export interface FullContext {
  readonly ctx: GenerationContext;
  readonly planRows: readonly PlanYearRow[];
  readonly providerRows: readonly ProviderRow[];
  /** Benefit years whose plans are written. */
  readonly benefitYears: readonly number[];
}

const PLACEHOLDER: ClaimCalibration = { poissonScale: 0, refillScale: 0 };

export function buildFullContext(input: FullContextInput, pools: TextPools): FullContext {
  const asOf = new Date(input.asOfMs);
  const period = periodOf(asOf, input.years);
  const firstYear = civilOfDay(period.start).year;
  const lastYear = civilOfDay(period.end).year;
  const benefitYears: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) benefitYears.push(y);
  const planRows = generatePlanRows(input.seed, input.plans, benefitYears);
  const geography = new Geography(pools);
  const providerRows = generateProviderRows(input.seed, input.providers, geography, pools);
  const base: GenerationContext = {
    seed: input.seed,
    stepKey: stepKeyOf(input.seed, asOf),
    period,
    claimIdTag: claimIdTagOf(period.start),
    memberYear: lastYear,
    claimsPerMemberYear: input.claimsPerMemberYear,
    plans: new PlanBook(planRows),
    providers: new ProviderDirectory(providerRows, pools),
    geography,
    pools,
    dates: new DateText(1900, lastYear + 2),
    calibration: PLACEHOLDER,
    messyRate: input.messyRate,
  };
  const ctx: GenerationContext = { ...base, calibration: calibrateClaims(base) };
  return { ctx, planRows, providerRows, benefitYears };
}
