/**
 * Applicable percentage table of the American Rescue Plan Act, extended by the Inflation
 * Reduction Act through 2025 (26 U.S.C. 36B(b)(3)(A)(iii)): the share of household income a
 * subsidised household is expected to pay for the benchmark (second-lowest-cost Silver) plan.
 * Within a band the percentage rises linearly from `from` to `to`.
 */
export const ARP_APPLICABLE_PERCENTAGE_BANDS: readonly {
  readonly fplFrom: number;
  readonly fplTo: number;
  readonly from: number;
  readonly to: number;
}[] = [
  { fplFrom: 0, fplTo: 1.5, from: 0, to: 0 },
  { fplFrom: 1.5, fplTo: 2.0, from: 0, to: 0.02 },
  { fplFrom: 2.0, fplTo: 2.5, from: 0.02, to: 0.04 },
  { fplFrom: 2.5, fplTo: 3.0, from: 0.04, to: 0.06 },
  { fplFrom: 3.0, fplTo: 4.0, from: 0.06, to: 0.085 },
];

/** Cap at and above 400 % FPL (no "subsidy cliff" under ARP/IRA). */
export const ARP_APPLICABLE_PERCENTAGE_CAP = 0.085;

/**
 * Applicable percentage (0–0.085) for an FPL ratio: 0 up to 150 % FPL, then linear within the
 * ARP/IRA bands, 8.5 % at 400 % FPL and above. The generator applies it to every plan year
 * (it models the enhanced credits; for 2026 on, this is a documented simplification).
 */
export function applicablePercentage(fplRatio: number): number {
  if (!(fplRatio >= 0)) throw new RangeError(`FPL ratio must be >= 0, got ${fplRatio}`);
  for (const band of ARP_APPLICABLE_PERCENTAGE_BANDS) {
    if (fplRatio < band.fplTo) {
      const t = (fplRatio - band.fplFrom) / (band.fplTo - band.fplFrom);
      return band.from + t * (band.to - band.from);
    }
  }
  return ARP_APPLICABLE_PERCENTAGE_CAP;
}
