import { expect } from 'chai';
import { isValidNpi, npiCheckDigit } from '../../../../src/domain/aca';

describe('aca: NPI check digit (Luhn with prefix 80840)', () => {
  it('computes the CMS example: 123456789 → 3', () => {
    expect(npiCheckDigit('123456789')).to.equal(3);
    expect(isValidNpi('1234567893')).to.equal(true);
  });

  it('rejects a wrong check digit, wrong length, letters and a leading digit other than 1 or 2', () => {
    expect(isValidNpi('1234567890')).to.equal(false);
    expect(isValidNpi('123456789')).to.equal(false);
    expect(isValidNpi('12345678931')).to.equal(false);
    expect(isValidNpi('12345678a3')).to.equal(false);
    const body = '323456789';
    expect(isValidNpi(`${body}${npiCheckDigit(body)}`)).to.equal(false);
  });

  it('accepts NPIs starting with 2 and detects every single-digit error', () => {
    const body = '298765432';
    const npi = `${body}${npiCheckDigit(body)}`;
    expect(isValidNpi(npi)).to.equal(true);
    for (let i = 1; i < 10; i++) {
      const digit = Number(npi[i]);
      const altered = `${npi.slice(0, i)}${(digit + 1) % 10}${npi.slice(i + 1)}`;
      expect(isValidNpi(altered), altered).to.equal(false);
    }
    expect(() => npiCheckDigit('12345')).to.throw(RangeError);
  });
});
