/**
 * The federal default standard age curve for individual-market premiums (45 CFR 147.102, CMS
 * "Market Rating Reforms" guidance, in force since plan year 2018). A premium for age `a` is the
 * base (age 21) rate times `ageRatingFactor(a)`: 0.765 for ages 0–14, 1.000 at 21–24, 3.000 at
 * 64 and older, so an adult aged 64 pays at most three times what an adult aged 21 pays (the
 * ACA's 3:1 limit). Some states use their own curve (AL, DC, MA, MN, MS, OR, UT; NY and VT are
 * community rated); the generator applies the federal default everywhere.
 */
export const FEDERAL_DEFAULT_AGE_CURVE: Readonly<Record<number, number>> = Object.freeze({
  0: 0.765,
  1: 0.765,
  2: 0.765,
  3: 0.765,
  4: 0.765,
  5: 0.765,
  6: 0.765,
  7: 0.765,
  8: 0.765,
  9: 0.765,
  10: 0.765,
  11: 0.765,
  12: 0.765,
  13: 0.765,
  14: 0.765,
  15: 0.833,
  16: 0.859,
  17: 0.885,
  18: 0.913,
  19: 0.941,
  20: 0.97,
  21: 1.0,
  22: 1.0,
  23: 1.0,
  24: 1.0,
  25: 1.004,
  26: 1.024,
  27: 1.048,
  28: 1.087,
  29: 1.119,
  30: 1.135,
  31: 1.159,
  32: 1.183,
  33: 1.198,
  34: 1.214,
  35: 1.222,
  36: 1.23,
  37: 1.238,
  38: 1.246,
  39: 1.262,
  40: 1.278,
  41: 1.302,
  42: 1.325,
  43: 1.357,
  44: 1.397,
  45: 1.444,
  46: 1.5,
  47: 1.563,
  48: 1.635,
  49: 1.706,
  50: 1.786,
  51: 1.865,
  52: 1.952,
  53: 2.04,
  54: 2.135,
  55: 2.23,
  56: 2.333,
  57: 2.437,
  58: 2.548,
  59: 2.603,
  60: 2.714,
  61: 2.81,
  62: 2.873,
  63: 2.952,
  64: 3.0,
});

/** Oldest age with its own factor; older ages use it (64 and older: 3.000). */
export const AGE_CURVE_MAX_AGE = 64;

/** Premium age factor for an age in whole years (negative ages count as 0). */
export function ageRatingFactor(age: number): number {
  const a = Math.min(AGE_CURVE_MAX_AGE, Math.max(0, Math.floor(age)));
  return FEDERAL_DEFAULT_AGE_CURVE[a];
}
