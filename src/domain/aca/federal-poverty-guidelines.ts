/**
 * HHS poverty guidelines for a one-person household, in dollars, by guideline year: the 48
 * contiguous states and DC, Alaska and Hawaii. Marketplace coverage for plan year Y uses the
 * guidelines published in year Y − 1 (e.g. 2024 coverage uses the 2023 guideline, $14,580).
 */
export const POVERTY_GUIDELINE_ONE_PERSON: Readonly<
  Record<number, { readonly contiguous: number; readonly alaska: number; readonly hawaii: number }>
> = Object.freeze({
  2019: { contiguous: 12490, alaska: 15600, hawaii: 14380 },
  2020: { contiguous: 12760, alaska: 15950, hawaii: 14680 },
  2021: { contiguous: 12880, alaska: 16090, hawaii: 14820 },
  2022: { contiguous: 13590, alaska: 16990, hawaii: 15630 },
  2023: { contiguous: 14580, alaska: 18210, hawaii: 16770 },
  2024: { contiguous: 15060, alaska: 18810, hawaii: 17310 },
  2025: { contiguous: 15650, alaska: 19550, hawaii: 17990 },
});

const FIRST_YEAR = 2019;
const LAST_YEAR = 2025;
/** Growth used outside the published years (roughly CPI-U), rounded to $10. */
const EXTRAPOLATION_GROWTH = 0.03;

/** One-person poverty guideline (dollars) of a guideline year for a state code. */
export function povertyGuideline(guidelineYear: number, state: string): number {
  const column = state === 'AK' ? 'alaska' : state === 'HI' ? 'hawaii' : 'contiguous';
  const published = POVERTY_GUIDELINE_ONE_PERSON[guidelineYear];
  if (published) return published[column];
  const anchorYear = guidelineYear > LAST_YEAR ? LAST_YEAR : FIRST_YEAR;
  const anchor = POVERTY_GUIDELINE_ONE_PERSON[anchorYear][column];
  const scaled = anchor * (1 + EXTRAPOLATION_GROWTH) ** (guidelineYear - anchorYear);
  return Math.round(scaled / 10) * 10;
}

/** Poverty guideline that applies to Marketplace coverage in `planYear` (the prior year's). */
export function povertyGuidelineForPlanYear(planYear: number, state: string): number {
  return povertyGuideline(planYear - 1, state);
}

/** Annual household income in dollars implied by an FPL ratio (2.35 = 235 % FPL). */
export function householdIncome(fplRatio: number, planYear: number, state: string): number {
  return fplRatio * povertyGuidelineForPlanYear(planYear, state);
}
