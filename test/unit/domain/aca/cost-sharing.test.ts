import { expect } from 'chai';
import {
  CSR_HIOS_VARIANT_SUFFIX,
  METAL_ACTUARIAL_VALUE,
  csrOopMaxSelfOnly,
  csrVariantFor,
  csrVariantOfHiosSuffix,
  federalOopMaxSelfOnly,
  fplBandOf,
} from '../../../../src/domain/aca';

describe('aca: metal tiers, out-of-pocket limits and cost-sharing reductions', () => {
  it('orders actuarial values Bronze 60, Silver 70, Gold 80, Platinum 90', () => {
    expect(METAL_ACTUARIAL_VALUE).to.include({
      Bronze: 0.6,
      Silver: 0.7,
      Gold: 0.8,
      Platinum: 0.9,
    });
  });

  it('knows the published self-only OOP maximums and extrapolates other years by 4 %, rounded down to $50', () => {
    expect(federalOopMaxSelfOnly(2023)).to.equal(9100);
    expect(federalOopMaxSelfOnly(2024)).to.equal(9450);
    expect(federalOopMaxSelfOnly(2025)).to.equal(9200);
    expect(federalOopMaxSelfOnly(2027)).to.equal(11000);
    expect(federalOopMaxSelfOnly(2013)).to.equal(6100);
    for (const year of [2010, 2030, 2040]) expect(federalOopMaxSelfOnly(year) % 50).to.equal(0);
  });

  it('gives CSR only on Silver at 100–250 % FPL: 94 up to 150 %, 87 up to 200 %, 73 up to 250 %', () => {
    expect(csrVariantFor('Silver', 0.9)).to.equal('none');
    expect(csrVariantFor('Silver', 1.0)).to.equal('94');
    expect(csrVariantFor('Silver', 1.5)).to.equal('94');
    expect(csrVariantFor('Silver', 1.51)).to.equal('87');
    expect(csrVariantFor('Silver', 2.0)).to.equal('87');
    expect(csrVariantFor('Silver', 2.01)).to.equal('73');
    expect(csrVariantFor('Silver', 2.5)).to.equal('73');
    expect(csrVariantFor('Silver', 2.51)).to.equal('none');
    for (const metal of ['Bronze', 'Gold', 'Platinum', 'Catastrophic'] as const)
      expect(csrVariantFor(metal, 1.2)).to.equal('none');
  });

  it('reduces the OOP maximum for CSR variants and maps HIOS variant suffixes', () => {
    expect(csrOopMaxSelfOnly(2024, '94')).to.equal(3150);
    expect(csrOopMaxSelfOnly(2024, '87')).to.equal(3150);
    expect(csrOopMaxSelfOnly(2024, '73')).to.equal(7550);
    expect(csrOopMaxSelfOnly(2024, 'none')).to.equal(9450);
    for (const variant of ['none', '73', '87', '94'] as const)
      expect(csrVariantOfHiosSuffix(CSR_HIOS_VARIANT_SUFFIX[variant])).to.equal(variant);
  });

  it('names FPL bands with their upper edge included', () => {
    expect(fplBandOf(0.8)).to.equal('<100%');
    expect(fplBandOf(1.5)).to.equal('100-150%');
    expect(fplBandOf(2.35)).to.equal('200-250%');
    expect(fplBandOf(4.0)).to.equal('300-400%');
    expect(fplBandOf(4.01)).to.equal('400%+');
  });
});
