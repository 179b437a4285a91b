import { expect } from 'chai';
import {
  addMonths,
  monthRanges,
  rollingWindowTargets,
} from '../../../src/application/refresh-marts/month-ranges';

describe('month ranges of the marts refresh', () => {
  it('adds months across year boundaries', () => {
    expect(addMonths('2023-12-01', 1)).to.equal('2024-01-01');
    expect(addMonths('2023-12-01', 11)).to.equal('2024-11-01');
    expect(addMonths('2024-01-01', -1)).to.equal('2023-12-01');
    expect(() => addMonths('2024-01-15', 1)).to.throw("not a month (YYYY-MM-01): '2024-01-15'");
  });

  it('merges runs of consecutive months into half-open ranges', () => {
    expect(monthRanges(['2024-03-01', '2023-12-01', '2024-01-01', '2024-01-01'])).to.deep.equal([
      { from: '2023-12-01', to: '2024-02-01' },
      { from: '2024-03-01', to: '2024-04-01' },
    ]);
  });

  it('recomputes a touched month and the 11 after it, up to the horizon', () => {
    const targets = rollingWindowTargets(['2023-12-01'], '2025-06-01', '2025-06-01', '2023-01-01');
    expect(targets[0]).to.equal('2023-12-01');
    expect(targets[targets.length - 1]).to.equal('2024-11-01');
    expect(targets).to.have.length(12);
    expect(
      rollingWindowTargets(['2025-05-01'], '2025-06-01', '2025-06-01', '2023-01-01'),
    ).to.deep.equal(['2025-05-01', '2025-06-01']);
  });

  it('adds the months the horizon grew by', () => {
    expect(rollingWindowTargets([], '2025-03-01', '2025-01-01', '2023-01-01')).to.deep.equal([
      '2025-02-01',
      '2025-03-01',
    ]);
    expect(rollingWindowTargets([], null, '2025-01-01', null)).to.deep.equal([]);
  });
});
