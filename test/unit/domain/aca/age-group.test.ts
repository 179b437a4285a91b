import { expect } from 'chai';
import { ageAt, ageGroupAt, ageGroupOf } from '../../../../src/domain/aca';

describe('aca: age and contract age group at a date', () => {
  it('counts completed years (birthday not yet reached → one less)', () => {
    expect(ageAt('1990-06-15', '2025-06-14')).to.equal(34);
    expect(ageAt('1990-06-15', '2025-06-15')).to.equal(35);
    expect(ageAt('2000-02-29', '2025-02-28')).to.equal(24);
    expect(ageAt('2000-02-29', '2025-03-01')).to.equal(25);
    expect(ageAt('1990-06-15', new Date('2025-06-15T23:00:00Z'))).to.equal(35);
  });

  it('maps ages to the contract bands', () => {
    const cases: [number, string][] = [
      [0, '<18'],
      [17, '<18'],
      [18, '18-25'],
      [25, '18-25'],
      [26, '26-34'],
      [34, '26-34'],
      [35, '35-44'],
      [44, '35-44'],
      [45, '45-54'],
      [54, '45-54'],
      [55, '55-64'],
      [64, '55-64'],
      [65, '65+'],
      [90, '65+'],
    ];
    for (const [age, group] of cases) expect(ageGroupOf(age), String(age)).to.equal(group);
    expect(ageGroupAt('2007-01-02', '2025-01-01')).to.equal('<18');
    expect(ageGroupAt('2007-01-01', '2025-01-01')).to.equal('18-25');
  });

  it('rejects text that is not a date', () => {
    expect(() => ageGroupAt('01/02/2000', '2025-01-01')).to.throw(RangeError);
  });
});
