import { expect } from 'chai';
import { renderTextTable } from '../../../src/application/reporting/text-table';

describe('renderTextTable', () => {
  it('pads columns to their widest cell, right-aligns numbers and leaves the last column unpadded', () => {
    const text = renderTextTable(
      ['tier', 'paid', 'note'],
      [
        ['Silver', '1234.50', 'most members'],
        ['Gold', '7.00', ''],
      ],
      { rightAligned: (i) => i === 1 },
    );
    expect(text.split('\n')).to.deep.equal([
      'tier       paid  note',
      '------  -------  ------------',
      'Silver  1234.50  most members',
      'Gold       7.00',
    ]);
  });

  it('can omit the rule under the header', () => {
    expect(renderTextTable(['a', 'b'], [['1', '2']], { rule: false })).to.equal('a  b\n1  2');
  });
});
