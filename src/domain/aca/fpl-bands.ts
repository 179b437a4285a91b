/**
 * Household-income bands in percent of the Federal Poverty Level, as the Marketplace reports
 * them (they are also the CSR and applicable-percentage breakpoints).
 */
export const FPL_BANDS = [
  '<100%',
  '100-150%',
  '150-200%',
  '200-250%',
  '250-300%',
  '300-400%',
  '400%+',
] as const;
export type FplBand = (typeof FPL_BANDS)[number];

/** Upper bound (exclusive, as an FPL ratio) of each band but the last. */
const UPPER_BOUNDS = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0];

/** FPL band of a ratio (2.35 → `200-250%`); a band includes its upper edge (1.50 → `100-150%`). */
export function fplBandOf(fplRatio: number): FplBand {
  if (fplRatio < UPPER_BOUNDS[0]) return FPL_BANDS[0];
  for (let i = 1; i < UPPER_BOUNDS.length; i++) {
    if (fplRatio <= UPPER_BOUNDS[i]) return FPL_BANDS[i];
  }
  return FPL_BANDS[FPL_BANDS.length - 1];
}
