import { expect } from 'chai';
import { CheckResult, QualityRun } from '../../../src/application/check-quality/quality-run';
import { summarize } from '../../../src/application/check-quality/quality-summary';
import { renderQualityHtml } from '../../../src/application/check-quality/report/quality-report-html';
import { renderQualityMarkdown } from '../../../src/application/check-quality/report/quality-report-markdown';
import { renderQualityText } from '../../../src/application/check-quality/report/quality-report-text';

function result(overrides: Partial<CheckResult>): CheckResult {
  return {
    name: 'check',
    kind: 'not_null',
    table: 'warehouse.dim_member',
    severity: 'error',
    description: 'A check.',
    status: 'pass',
    failingCount: 0,
    sampleKeys: [],
    observed: null,
    errorMessage: null,
    checkedAt: new Date('2025-01-02T03:04:05Z'),
    durationMs: 3,
    ...overrides,
  };
}

const results: CheckResult[] = [
  result({ name: 'member_keys_not_null' }),
  result({
    name: 'member_state_is_us_state',
    kind: 'accepted_values',
    severity: 'warn',
    status: 'fail',
    failingCount: 292,
    sampleKeys: [{ member_id: 'MBR1' }, { member_id: 'MBR2' }],
    observed: { unexpected_values: { PW: 44, VI: 48 } },
    description: 'States <known> | "US"',
  }),
  result({
    name: 'claim_id_unique',
    table: 'warehouse.fact_claim',
    kind: 'unique',
    status: 'fail',
    failingCount: 2,
    sampleKeys: [{ claim_id: 'C|1', duplicate_rows: 2 }],
  }),
  result({
    name: 'missing_table',
    status: 'error',
    errorMessage: '42P01: relation "x.y" does not exist',
    severity: 'warn',
  }),
];

const run: QualityRun = {
  loadId: 7,
  asOf: new Date('2025-01-01T00:00:00Z'),
  startedAt: new Date('2025-01-02T03:04:05Z'),
  results,
  skipped: [],
  summary: summarize(results),
};

describe('data-quality summary and reports', () => {
  it('summarizes: a warn check failing or erroring warns, an error check failing fails the batch', () => {
    expect(run.summary).to.deep.equal({
      passed: 1,
      warned: 2,
      failed: 1,
      errorFailures: ['claim_id_unique'],
    });
    expect(summarize([result({ status: 'error' })]).errorFailures).to.deep.equal(['check']);
  });

  it('prints a table for the terminal, failures first', () => {
    const text = renderQualityText(run);
    const lines = text.split('\n');
    expect(lines[0]).to.equal('Data quality, load 7: 4 checks, 1 passed, 2 warned, 1 failed');
    expect(lines[2]).to.match(/^RESULT\s+SEVERITY\s+CHECK\s+TABLE\s+FAILING\s+SAMPLE \/ ERROR$/);
    expect(lines.slice(3, 7).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).to.deep.equal([
      'FAIL error claim_id_unique',
      'ERROR warn missing_table',
      'WARN warn member_state_is_us_state',
      'ok error member_keys_not_null',
    ]);
    expect(lines[5]).to.match(/\s292\s+member_id=MBR1; member_id=MBR2$/);
    expect(lines[4]).to.match(/\s-\s+42P01: relation "x.y" does not exist$/);
    expect(text.endsWith('Failed error checks: claim_id_unique')).to.equal(true);
  });

  it('writes Markdown with escaped cells and a findings section', () => {
    const md = renderQualityMarkdown(run);
    expect(md).to.include('# Data quality, load 7\n');
    expect(md).to.include('**4 checks, 1 passed, 2 warned, 1 failed.**');
    expect(md).to.include(
      '| FAIL | claim_id_unique | error | warehouse.fact_claim | 2 | claim_id=C\\|1, duplicate_rows=2 |',
    );
    expect(md).to.include('| ERROR | missing_table | warn | warehouse.dim_member | - |  |');
    expect(md).to.include('### WARN: member_state_is_us_state\n\nStates <known> \\| "US"\n');
    expect(md).to.include('- observed: unexpected_values={"PW":44,"VI":48}');
    expect(md).to.include('- could not run: 42P01: relation "x.y" does not exist');
    expect(md).not.to.include('### ok');
  });

  it('writes a self-contained HTML page with escaped text', () => {
    const html = renderQualityHtml(run);
    expect(html.startsWith('<!DOCTYPE html>')).to.equal(true);
    expect(html).to.include('<title>Data quality, load 7</title>');
    expect(html).to.include('States &lt;known&gt; | &quot;US&quot;');
    expect(html).to.include('<td class="num">292</td>');
    expect(html).to.include('<tr class="fail">');
    expect(html).not.to.include('<script');
    expect(html).not.to.include('States <known>');
  });

  it('says when batch checks were skipped', () => {
    const noBatch: QualityRun = { ...run, loadId: null, skipped: ['batch_claims_reach_fact'] };
    expect(renderQualityText(noBatch).split('\n')[0]).to.equal(
      'Data quality (no load batch): 4 checks, 1 passed, 2 warned, 1 failed, 1 skipped (no batch)',
    );
    expect(renderQualityMarkdown(noBatch)).to.include(
      'Skipped without a load batch: batch_claims_reach_fact.',
    );
  });
});
