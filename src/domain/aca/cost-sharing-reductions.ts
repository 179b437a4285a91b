import { MetalTier } from '../seed-contract';
import { federalOopMaxSelfOnly } from './federal-oop-limits';

/** Cost-sharing-reduction variant of an enrollment, spelled as in the seed contract. */
export type CsrVariant = 'none' | '73' | '87' | '94';

/**
 * CSR eligibility (45 CFR 155.305(g)): only Silver enrollees with household income from 100 %
 * to 250 % FPL get a CSR variant: 94 % AV from 100 to 150 % FPL, 87 % AV above 150 to 200 %,
 * 73 % AV above 200 to 250 %. Everyone else: `none`.
 */
export function csrVariantFor(metal: MetalTier, fplRatio: number): CsrVariant {
  if (metal !== 'Silver' || fplRatio < 1.0 || fplRatio > 2.5) return 'none';
  if (fplRatio <= 1.5) return '94';
  if (fplRatio <= 2.0) return '87';
  return '73';
}

/** Actuarial value of each CSR variant of a Silver plan. */
export const CSR_ACTUARIAL_VALUE: Readonly<Record<Exclude<CsrVariant, 'none'>, number>> = {
  '73': 0.73,
  '87': 0.87,
  '94': 0.94,
};

/**
 * HIOS plan-variant suffix of an on-exchange enrollment: `-01` standard, `-04` 73 % AV,
 * `-05` 87 % AV, `-06` 94 % AV (the full HIOS plan id is the 14-character standard component id
 * followed by this suffix).
 */
export const CSR_HIOS_VARIANT_SUFFIX: Readonly<Record<CsrVariant, string>> = {
  none: '-01',
  '73': '-04',
  '87': '-05',
  '94': '-06',
};

/** CSR variant of a HIOS variant suffix (`-04` → `73`); unknown suffixes mean `none`. */
export function csrVariantOfHiosSuffix(suffix: string): CsrVariant {
  switch (suffix) {
    case '-04':
      return '73';
    case '-05':
      return '87';
    case '-06':
      return '94';
    default:
      return 'none';
  }
}

/**
 * Reduced self-only out-of-pocket maximum of a CSR variant: the annual limit reduced by two
 * thirds for 94 and 87 (100–200 % FPL) and by one fifth for 73 (200–250 % FPL), rounded down
 * to a multiple of $50 (45 CFR 156.420).
 */
export function csrOopMaxSelfOnly(year: number, variant: CsrVariant): number {
  const limit = federalOopMaxSelfOnly(year);
  if (variant === 'none') return limit;
  const factor = variant === '73' ? 4 / 5 : 1 / 3;
  return Math.floor((limit * factor) / 50) * 50;
}
