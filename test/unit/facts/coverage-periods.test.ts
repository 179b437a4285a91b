import { expect } from 'chai';
import { coveragePeriods, memberMonths } from '../../../src/domain/facts/coverage-periods';

const span = (startDate: string, endDate: string | null, premiumCents = 100, planId = 'PA') => ({
  planId,
  startDate,
  endDate,
  premiumCents,
});

describe('coverage periods', () => {
  it('merges touching spans and overlapping spans', () => {
    const periods = coveragePeriods(
      [
        span('2024-04-01', '2024-06-30'),
        span('2024-01-01', '2024-03-31'),
        span('2024-02-01', '2024-02-10'),
      ],
      '2024-12-31',
    );
    expect(periods).to.have.length(1);
    expect(periods[0]).to.deep.include({
      startDate: '2024-01-01',
      endDate: '2024-06-30',
      coverageDays: 182,
      premiumCents: 300,
      spanCount: 3,
    });
    expect(periods[0].memberMonths).to.be.closeTo(6, 1e-9);
  });

  it('keeps a gap of one uncovered day as two periods, and plans apart', () => {
    const periods = coveragePeriods(
      [
        span('2024-01-01', '2024-01-31'),
        span('2024-02-02', '2024-02-29'),
        span('2024-02-01', null, 100, 'PB'),
      ],
      '2024-03-31',
    );
    expect(periods.map((p) => [p.planId, p.startDate, p.endDate, p.coverageDays])).to.deep.equal([
      ['PA', '2024-01-01', '2024-01-31', 31],
      ['PA', '2024-02-02', '2024-02-29', 28],
      ['PB', '2024-02-01', null, 60],
    ]);
  });

  it('counts an open period up to as_of, and nothing when it starts later', () => {
    const [late] = coveragePeriods([span('2025-02-01', null)], '2025-01-31');
    expect(late).to.deep.include({ endDate: null, coverageDays: 0, memberMonths: 0 });
  });

  it('counts member months per calendar month', () => {
    const day = (iso: string) =>
      Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8)) / 86_400_000;
    expect(memberMonths(day('2024-01-15'), day('2024-02-14'))).to.be.closeTo(
      17 / 31 + 14 / 29,
      1e-12,
    );
  });
});
