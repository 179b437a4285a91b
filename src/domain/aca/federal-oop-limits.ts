/**
 * Maximum annual limitation on cost sharing (self-only out-of-pocket maximum) per plan year,
 * as published in the HHS Notices of Benefit and Payment Parameters. Family coverage is twice
 * the self-only amount.
 */
export const FEDERAL_OOP_MAX_SELF_ONLY: Readonly<Record<number, number>> = Object.freeze({
  2014: 6350,
  2015: 6600,
  2016: 6850,
  2017: 7150,
  2018: 7350,
  2019: 7900,
  2020: 8150,
  2021: 8550,
  2022: 8700,
  2023: 9100,
  2024: 9450,
  2025: 9200,
  2026: 10600,
});

const FIRST_PUBLISHED_YEAR = 2014;
const LAST_PUBLISHED_YEAR = 2026;
/** Premium adjustment percentage growth used to extrapolate unpublished years. */
const EXTRAPOLATION_GROWTH = 0.04;

/** Rounds down to a multiple of $50, as CMS rounds the published limits. */
function floorTo50(amount: number): number {
  return Math.floor(amount / 50) * 50;
}

/**
 * Self-only out-of-pocket maximum in dollars for a plan year. Years with a published limit
 * (2014–2026) return it; later years grow 4 % a year from 2026 and earlier years shrink 4 % a
 * year from 2014, both rounded down to a multiple of $50 (the CMS rounding rule).
 */
export function federalOopMaxSelfOnly(year: number): number {
  const published = FEDERAL_OOP_MAX_SELF_ONLY[year];
  if (published !== undefined) return published;
  if (year > LAST_PUBLISHED_YEAR) {
    const base = FEDERAL_OOP_MAX_SELF_ONLY[LAST_PUBLISHED_YEAR];
    return floorTo50(base * (1 + EXTRAPOLATION_GROWTH) ** (year - LAST_PUBLISHED_YEAR));
  }
  const base = FEDERAL_OOP_MAX_SELF_ONLY[FIRST_PUBLISHED_YEAR];
  return floorTo50(base / (1 + EXTRAPOLATION_GROWTH) ** (FIRST_PUBLISHED_YEAR - year));
}
