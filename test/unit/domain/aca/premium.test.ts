import { expect } from 'chai';
import {
  PremiumInputs,
  applicablePercentage,
  monthlyPremium,
  povertyGuideline,
  povertyGuidelineForPlanYear,
  spanPremiumPaidCents,
} from '../../../../src/domain/aca';

const base: PremiumInputs = {
  baseMonthlyPremiumCents: 40000,
  benchmarkMonthlyPremiumCents: 38000,
  age: 40,
  tobaccoFactor: 1,
  fplRatio: 2.5,
  planYear: 2024,
  state: 'TX',
  metal: 'Silver',
};

describe('aca: applicable percentage, poverty guidelines and the premium formula', () => {
  it('follows the ARP/IRA applicable-percentage table', () => {
    expect(applicablePercentage(1.0)).to.equal(0);
    expect(applicablePercentage(1.5)).to.equal(0);
    expect(applicablePercentage(1.75)).to.be.closeTo(0.01, 1e-12);
    expect(applicablePercentage(2.0)).to.be.closeTo(0.02, 1e-12);
    expect(applicablePercentage(2.5)).to.be.closeTo(0.04, 1e-12);
    expect(applicablePercentage(3.0)).to.be.closeTo(0.06, 1e-12);
    expect(applicablePercentage(4.0)).to.equal(0.085);
    expect(applicablePercentage(7)).to.equal(0.085);
  });

  it('uses the prior year’s poverty guideline, with Alaska and Hawaii higher', () => {
    expect(povertyGuidelineForPlanYear(2024, 'TX')).to.equal(14580);
    expect(povertyGuideline(2024, 'AK')).to.equal(18810);
    expect(povertyGuideline(2024, 'HI')).to.equal(17310);
    expect(povertyGuideline(2026, 'TX')).to.be.greaterThan(15650);
  });

  it('computes gross, tax credit and member premium in cents', () => {
    // gross = 40000 × 1.278 = 51120; benchmark = 38000 × 1.278 = 48564;
    // contribution = 0.04 × 2.5 × 14580 × 100 / 12 = 12150; aptc = 48564 − 12150 = 36414.
    expect(monthlyPremium(base)).to.deep.equal({
      grossCents: 51120,
      aptcCents: 36414,
      memberCents: 14706,
    });
    expect(spanPremiumPaidCents(base, 12)).to.equal(12 * 14706);
  });

  it('rates age 3:1 (64 vs 21) and tobacco up to 1.5 without subsidising the surcharge', () => {
    const high = { ...base, fplRatio: 10 };
    const young = monthlyPremium({ ...high, age: 21 });
    const old = monthlyPremium({ ...high, age: 64 });
    expect(old.grossCents / young.grossCents).to.equal(3);
    const smoker = monthlyPremium({ ...base, tobaccoFactor: 1.5 });
    expect(smoker.grossCents).to.equal(Math.round(40000 * 1.278 * 1.5));
    expect(smoker.aptcCents).to.equal(monthlyPremium(base).aptcCents);
    expect(smoker.memberCents - monthlyPremium(base).memberCents).to.equal(
      smoker.grossCents - 51120,
    );
  });

  it('pays no credit on Catastrophic plans, never a negative premium, nothing at 0 % contribution beyond the premium', () => {
    expect(monthlyPremium({ ...base, metal: 'Catastrophic' }).aptcCents).to.equal(0);
    const poor = monthlyPremium({
      ...base,
      fplRatio: 1.2,
      metal: 'Bronze',
      baseMonthlyPremiumCents: 30000,
    });
    expect(poor.aptcCents).to.equal(poor.grossCents);
    expect(poor.memberCents).to.equal(0);
    expect(() => spanPremiumPaidCents(base, 1.5)).to.throw(RangeError);
  });
});
