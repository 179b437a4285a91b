import { expect } from 'chai';
import { FEDERAL_DEFAULT_AGE_CURVE, ageRatingFactor } from '../../../../src/domain/aca';

describe('aca: federal default age curve', () => {
  it('has the CMS anchor values', () => {
    expect(ageRatingFactor(0)).to.equal(0.765);
    expect(ageRatingFactor(14)).to.equal(0.765);
    expect(ageRatingFactor(15)).to.equal(0.833);
    expect(ageRatingFactor(21)).to.equal(1.0);
    expect(ageRatingFactor(40)).to.equal(1.278);
    expect(ageRatingFactor(50)).to.equal(1.786);
    expect(ageRatingFactor(64)).to.equal(3.0);
  });

  it('keeps the 3:1 adult ratio (64+ vs 21) and never decreases with age', () => {
    expect(ageRatingFactor(64) / ageRatingFactor(21)).to.equal(3);
    expect(ageRatingFactor(80)).to.equal(3.0);
    for (let age = 1; age <= 64; age++)
      expect(FEDERAL_DEFAULT_AGE_CURVE[age]).to.be.at.least(FEDERAL_DEFAULT_AGE_CURVE[age - 1]);
  });
});
