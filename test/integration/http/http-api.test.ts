import { expect } from 'chai';
import { cubeCatalog } from '../../../src/domain/cube';
import { CONTENT_SECURITY_POLICY } from '../../../src/interfaces/http/security-headers';
import { describeOnEngines } from '../../support/test-database';
import {
  MemoryLogger,
  personalFieldNamesIn,
  TestServer,
} from '../../unit/http/support/http-test-server';
import { buildDemoWarehouse, DEMO_HIGH_COST_THRESHOLD, demoPersonalValues } from './demo-warehouse';
import { startDemoServer } from './demo-server';

const VALID = {
  measures: cubeCatalog().measures.map((m) => m.name),
  dimensions: cubeCatalog().dimensions.map((d) => d.name),
};

describeOnEngines('HTTP API over a demo warehouse', (t) => {
  let server: TestServer;
  const logger = new MemoryLogger();
  /** Every body the suite received, for the personal-data scan at the end. */
  const bodies: Array<[string, string]> = [];

  before(async () => {
    await buildDemoWarehouse(t.db);
    server = await startDemoServer(t, logger);
  });

  after(async () => {
    await server?.close();
  });

  async function get(path: string, init?: RequestInit): Promise<{ res: Response; body: unknown }> {
    const res = await fetch(`${server.baseUrl}${path}`, init);
    const text = await res.text();
    bodies.push([path, text]);
    expect(res.headers.get('content-security-policy'), path).to.equal(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options'), path).to.equal('nosniff');
    return { res, body: text === '' ? null : JSON.parse(text) };
  }

  it('GET /api/cube: paid by month reconciles with the claim fact to the cent', async () => {
    const { res, body } = await get('/api/cube?measures=paid&by=month');
    expect(res.status).to.equal(200);
    const fact = await t.db.query<{ month: string; paid: string }>(
      `SELECT date_trunc('month', service_date)::date AS month, sum(paid_amount) AS paid
         FROM warehouse.fact_claim GROUP BY 1 ORDER BY 1`,
    );
    expect(fact).to.have.length(6);
    expect(body).to.deep.include({ columns: ['month', 'paid'], rows: fact });
  });

  it('GET /api/cube: paid and PMPM by metal tier and month, filtered to TX', async () => {
    const { res, body } = await get(
      '/api/cube?measures=paid,pmpm&by=metal_tier,month&where=state:TX&orderBy=metal_tier',
    );
    expect(res.status).to.equal(200);
    const answer = body as { columns: string[]; rows: Array<Record<string, unknown>> };
    expect(answer.columns).to.deep.equal(['metal_tier', 'month', 'paid', 'pmpm']);
    // TX members: M0001 and M0007 on Gold, M0002 on Platinum; six months each.
    expect(answer.rows).to.have.length(12);
    expect([...new Set(answer.rows.map((r) => r.metal_tier))]).to.deep.equal(['Gold', 'Platinum']);
    const platinumJanuary = answer.rows.find(
      (r) => r.metal_tier === 'Platinum' && r.month === '2025-01-01',
    );
    // M0002: two claims of 9,800 in January, the second denied (paid 0); one member month.
    expect(platinumJanuary).to.deep.equal({
      metal_tier: 'Platinum',
      month: '2025-01-01',
      paid: '9800.00',
      pmpm: '9800.00',
    });
  });

  it('GET /api/cube: 400 listing the real catalogue for unknown names', async () => {
    const { res, body } = await get('/api/cube?measures=paid,revenue&by=zip_code');
    expect(res.status).to.equal(400);
    expect(body).to.deep.equal({
      error: 'unknown cube name(s): revenue, zip_code',
      unknown: { measures: ['revenue'], dimensions: ['zip_code'] },
      valid: VALID,
    });
    expect(VALID.measures).to.include.members(['claims', 'members', 'paid', 'pmpm']);
    expect(VALID.dimensions).to.include.members(['month', 'metal_tier', 'state', 'specialty']);
  });

  it("GET /api/cube: 400 with the cube's message for a value it cannot read", async () => {
    const { res, body } = await get('/api/cube?measures=paid&where=month:May');
    expect(res.status).to.equal(400);
    expect(body).to.deep.equal({
      error: "month values are months (YYYY-MM or YYYY-MM-01); got 'May'",
      valid: VALID,
    });
  });

  it('GET /api/batches: the load history, newest first', async () => {
    const { res, body } = await get('/api/batches');
    expect(res.status).to.equal(200);
    const { batches } = body as { batches: Array<Record<string, unknown>> };
    expect(batches.map((b) => [b.load_id, b.seed_set, b.status])).to.deep.equal([
      [3, 'seed_20250301T000000Z', 'succeeded'],
      [2, 'seed_20250201T000000Z', 'failed'],
      [1, 'seed_20250101T000000Z', 'succeeded'],
    ]);
    expect(Object.keys(batches[0])).to.deep.equal([
      'load_id',
      'load_timestamp',
      'as_of',
      'mode',
      'seed_kind',
      'seed_set',
      'status',
      'error',
      'finished_at',
      'seconds',
      'rows_read',
      'rows_staged',
      'rows_rejected',
    ]);
    expect(batches[0]).to.include({ as_of: '2025-03-01T00:00:00.000Z', rows_staged: 34 });
  });

  it('GET /api/dq: the latest result per check', async () => {
    const { res, body } = await get('/api/dq');
    expect(res.status).to.equal(200);
    const { checks } = body as { checks: Array<Record<string, unknown>> };
    expect(checks.map((c) => [c.check_name, c.severity, c.status, c.failing_count])).to.deep.equal([
      ['claims_paid_not_above_allowed', 'error', 'pass', 0],
      ['fact_claim_default_partition_empty', 'warn', 'pass', 0],
      ['provider_npi_valid', 'warn', 'fail', 2],
    ]);
  });

  it('GET /api/high-cost-members: members over the threshold by rank, ids only', async () => {
    const { res, body } = await get('/api/high-cost-members');
    expect(res.status).to.equal(200);
    const { members } = body as { members: Array<Record<string, unknown>> };
    expect(members.map((m) => [m.member_id, m.month, m.paid_rank])).to.deep.equal([
      ['M0001', '2025-06-01', 1],
      ['M0002', '2025-06-01', 2],
      ['M0005', '2025-06-01', 3],
    ]);
    // M0001: 11,250 per claim rising 10 % a month, two claims a month, one of them denied.
    expect(members[0]).to.include({
      rolling_12m_claims: 12,
      high_cost_threshold: String(DEMO_HIGH_COST_THRESHOLD),
    });
    const paid = await t.db.query<{ paid: string }>(
      `SELECT sum(paid_amount) AS paid FROM warehouse.fact_claim WHERE member_id = 'M0001'`,
    );
    expect(members[0].rolling_12m_paid).to.equal(paid[0].paid);
    const limited = await get('/api/high-cost-members?limit=1');
    expect((limited.body as { members: unknown[] }).members).to.have.length(1);
  });

  it('GET /api/health: database up and the latest batch', async () => {
    const { res, body } = await get('/api/health');
    expect(res.status).to.equal(200);
    expect(body).to.include({
      status: 'ok',
      engine: t.engine,
      latest_load_id: 3,
      latest_load_status: 'succeeded',
    });
  });

  it('answers 405 to writes and HEAD without a body', async () => {
    const post = await get('/api/batches', { method: 'POST' });
    expect(post.res.status).to.equal(405);
    expect(post.res.headers.get('allow')).to.equal('GET, HEAD');
    const head = await get('/api/high-cost-members', { method: 'HEAD' });
    expect(head.res.status).to.equal(200);
    expect(head.body).to.equal(null);
  });

  it('no answer carries a personal field or a personal value, and nothing was logged as an error', async () => {
    const catalog = await get('/api/cube/catalog');
    expect(catalog.body).to.deep.equal(JSON.parse(JSON.stringify(cubeCatalog())));
    await get('/api/cube?measures=claims,members,paid&by=state,age_group,clinical_segment');
    expect(bodies.length).to.be.greaterThan(10);
    const personalValues = demoPersonalValues();
    for (const [path, text] of bodies) {
      if (text === '') continue;
      expect(personalFieldNamesIn(JSON.parse(text)), path).to.deep.equal([]);
      for (const value of personalValues) expect(text, path).not.to.contain(value);
    }
    expect(logger.lines.filter((l) => l.level === 'error')).to.deep.equal([]);
  });
});
