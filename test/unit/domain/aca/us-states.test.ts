import { expect } from 'chai';
import { CENSUS_REGIONS } from '../../../../src/domain/seed-contract';
import { US_STATES, isUsStateCode, isZipInState, usStateByCode } from '../../../../src/domain/aca';

describe('aca: US states with census regions, divisions and ZIP prefixes', () => {
  it('lists the 50 states and DC once each, with a census region and division', () => {
    expect(US_STATES).to.have.length(51);
    expect(new Set(US_STATES.map((s) => s.code)).size).to.equal(51);
    for (const s of US_STATES) expect(CENSUS_REGIONS).to.include(s.region);
    const count = (region: string): number => US_STATES.filter((s) => s.region === region).length;
    expect([count('Northeast'), count('Midwest'), count('South'), count('West')]).to.deep.equal([
      9, 12, 17, 13,
    ]);
    expect(usStateByCode('tx')?.division).to.equal('West South Central');
    expect(usStateByCode('DC')?.region).to.equal('South');
  });

  it('does not count territories or freely associated states as US states', () => {
    for (const code of ['PR', 'GU', 'PW', 'VI', 'XX'])
      expect(isUsStateCode(code), code).to.equal(false);
  });

  it('assigns every 3-digit ZIP prefix to at most one state, with real examples', () => {
    const owner = new Map<string, string>();
    for (const s of US_STATES) {
      expect(s.zipPrefixes.length, s.code).to.be.greaterThan(0);
      for (const p of s.zipPrefixes) {
        expect(owner.has(p), `${p} in ${owner.get(p)} and ${s.code}`).to.equal(false);
        owner.set(p, s.code);
      }
    }
    expect(isZipInState('10001', 'NY')).to.equal(true);
    expect(isZipInState('90210', 'CA')).to.equal(true);
    expect(isZipInState('33101', 'FL')).to.equal(true);
    expect(isZipInState('02134', 'MA')).to.equal(true);
    expect(isZipInState('77001', 'TX')).to.equal(true);
    expect(isZipInState('10001', 'NJ')).to.equal(false);
    expect(isZipInState('1000', 'NY')).to.equal(false);
  });
});
