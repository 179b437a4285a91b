/**
 * National Provider Identifier check digit (45 CFR 162.406; CMS "NPI check digit" note): the
 * Luhn formula (ISO/IEC 7812) applied to the 9-digit identifier prefixed with `80840`, the
 * issuer prefix of US health applications. Doubling starts at the rightmost of the 9 digits;
 * the prefix always contributes 24, hence the constant.
 */
const PREFIX_80840_SUM = 24;

/** The Luhn check digit (0–9) for the first nine digits of an NPI. */
export function npiCheckDigit(first9: string): number {
  if (!/^\d{9}$/.test(first9)) throw new RangeError(`NPI body must be 9 digits, got '${first9}'`);
  let sum = PREFIX_80840_SUM;
  for (let i = 0; i < 9; i++) {
    let d = first9.charCodeAt(8 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `npi` is 10 digits, starts with 1 or 2 and carries a correct Luhn check digit. */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  return npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48;
}
