import { expect } from 'chai';
import { CubeQueryError } from '../../../src/domain/cube';
import { loadStaticAssets } from '../../../src/interfaces/http/static-assets';
import { CONTENT_SECURITY_POLICY } from '../../../src/interfaces/http/security-headers';
import { BATCH, CHECK, FAKE_NAMES, FakeCube, FakeDashboard, HIGH_COST } from './fakes';
import {
  MemoryLogger,
  personalFieldNamesIn,
  startTestServer,
  TestServer,
} from './support/http-test-server';

describe('HTTP API (fake services)', () => {
  const assets = loadStaticAssets();
  let cube: FakeCube;
  let dashboard: FakeDashboard;
  let logger: MemoryLogger;
  let server: TestServer;

  beforeEach(async () => {
    cube = new FakeCube();
    dashboard = new FakeDashboard();
    logger = new MemoryLogger();
    server = await startTestServer({ cube, dashboard, assets, logger });
  });

  afterEach(async () => {
    await server.close();
  });

  const get = (path: string, init?: RequestInit) => fetch(`${server.baseUrl}${path}`, init);

  function expectSecurityHeaders(res: Response): void {
    expect(res.headers.get('content-security-policy')).to.equal(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
  }

  describe('GET /api/cube', () => {
    it('passes measures, by and where to the cube and answers its columns and rows', async () => {
      const res = await get('/api/cube?measures=paid,pmpm&by=metal_tier,month&where=state:TX,CA');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(await res.json()).to.deep.equal(cube.answer);
      expect(cube.queries).to.deep.equal([
        { measures: ['paid', 'pmpm'], by: ['metal_tier', 'month'], where: { state: ['TX', 'CA'] } },
      ]);
    });

    it('accepts repeated where clauses, orderBy and limit', async () => {
      const res = await get(
        '/api/cube?measures=claims&by=specialty&where=state:TX&where=metal_tier:Gold&where=state:OK&orderBy=-claims&limit=5',
      );
      expect(res.status).to.equal(200);
      expect(cube.queries[0]).to.deep.equal({
        measures: ['claims'],
        by: ['specialty'],
        where: { state: ['TX', 'OK'], metal_tier: ['Gold'] },
        orderBy: '-claims',
        limit: 5,
      });
    });

    it('allows a grand total (no by)', async () => {
      const res = await get('/api/cube?measures=members');
      expect(res.status).to.equal(200);
      expect(cube.queries[0]).to.deep.equal({ measures: ['members'], by: [] });
    });

    it('answers 400 with the valid names for an unknown measure, before any query', async () => {
      const res = await get('/api/cube?measures=paid,profit&by=month');
      expect(res.status).to.equal(400);
      expectSecurityHeaders(res);
      expect(await res.json()).to.deep.equal({
        error: 'unknown cube name(s): profit',
        unknown: { measures: ['profit'], dimensions: [] },
        valid: { measures: FAKE_NAMES.measures, dimensions: FAKE_NAMES.dimensions },
      });
      expect(cube.queries).to.have.length(0);
    });

    it('answers 400 for unknown dimensions in by and in where', async () => {
      const res = await get('/api/cube?measures=paid&by=zip&where=first_name:Ann');
      expect(res.status).to.equal(400);
      const body = await res.json();
      expect(body.error).to.equal('unknown cube name(s): zip, first_name');
      expect(body.unknown).to.deep.equal({ measures: [], dimensions: ['zip', 'first_name'] });
      expect(body.valid.dimensions).to.deep.equal(FAKE_NAMES.dimensions);
    });

    it('answers 400 when measures is missing, listing the valid names', async () => {
      const res = await get('/api/cube?by=month');
      expect(res.status).to.equal(400);
      expect(await res.json()).to.deep.equal({
        error: 'measures is required (comma-separated measure names)',
        valid: { measures: FAKE_NAMES.measures, dimensions: FAKE_NAMES.dimensions },
      });
    });

    it('answers 400 for a malformed where, an orderBy not asked for, or a bad limit', async () => {
      const where = await get('/api/cube?measures=paid&where=state');
      expect(where.status).to.equal(400);
      expect((await where.json()).error).to.equal('where must look like dimension:value[,value…]');

      const order = await get('/api/cube?measures=paid&by=month&orderBy=state');
      expect(order.status).to.equal(400);
      expect(await order.json()).to.deep.equal({
        error: 'orderBy must name a requested measure or dimension: state',
        valid: { orderBy: ['paid', 'month'] },
      });

      const limit = await get('/api/cube?measures=paid&limit=-3');
      expect(limit.status).to.equal(400);
      expect((await limit.json()).error).to.equal('limit must be a positive integer');
      expect(cube.queries).to.have.length(0);
    });

    it("answers 400 with the cube's own message when it refuses a question", async () => {
      cube.failure = new CubeQueryError(
        "month values are months (YYYY-MM or YYYY-MM-01); got 'May'",
      );
      const res = await get('/api/cube?measures=paid&where=month:May');
      expect(res.status).to.equal(400);
      expect(await res.json()).to.deep.equal({
        error: "month values are months (YYYY-MM or YYYY-MM-01); got 'May'",
        valid: { measures: FAKE_NAMES.measures, dimensions: FAKE_NAMES.dimensions },
      });
    });

    it('answers 500 without details when the cube fails, and logs the reason', async () => {
      cube.failure = new Error('relation "mart.cube" does not exist');
      const res = await get('/api/cube?measures=paid');
      expect(res.status).to.equal(500);
      expect(await res.json()).to.deep.equal({ error: 'internal error' });
      const logged = logger.lines.find((l) => l.level === 'error');
      expect(logged?.fields.error).to.equal('relation "mart.cube" does not exist');
    });

    it('withholds an answer that carries a personal field', async () => {
      cube.answer = {
        columns: ['member_id', 'first_name'],
        rows: [{ member_id: 'M1', first_name: 'Ann' }],
      };
      const res = await get('/api/cube?measures=paid');
      const text = await res.text();
      expect(res.status).to.equal(500);
      expect(text).to.equal('{"error":"internal error"}');
      expect(logger.lines.find((l) => l.level === 'error')?.fields.fields).to.deep.equal([
        'first_name',
      ]);
    });
  });

  describe('dashboard reads', () => {
    it('GET /api/batches answers the load history, limit capped at 500', async () => {
      const res = await get('/api/batches');
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ batches: [JSON.parse(JSON.stringify(BATCH))] });
      await get('/api/batches?limit=100000');
      expect(dashboard.limits).to.deep.equal([
        ['loadHistory', 50],
        ['loadHistory', 500],
      ]);
    });

    it('GET /api/dq answers the latest result per check', async () => {
      const res = await get('/api/dq');
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ checks: [JSON.parse(JSON.stringify(CHECK))] });
    });

    it('GET /api/high-cost-members answers member ids and amounts', async () => {
      const res = await get('/api/high-cost-members?limit=3');
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ members: [HIGH_COST] });
      expect(dashboard.limits).to.deep.equal([['topHighCostMembers', 3]]);
    });

    it('GET /api/health answers ok, or 503 when the database is unreachable', async () => {
      const ok = await get('/api/health');
      expect(ok.status).to.equal(200);
      expect(await ok.json()).to.deep.equal({
        status: 'ok',
        engine: 'pglite',
        database_time: '2025-02-01T12:00:00.000Z',
        migrated: true,
        latest_load_id: 2,
        latest_load_status: 'succeeded',
      });
      dashboard.failure = new Error('connect ECONNREFUSED 127.0.0.1:5432');
      const down = await get('/api/health');
      expect(down.status).to.equal(503);
      expect(await down.json()).to.deep.equal({
        error: 'database unavailable',
        status: 'unavailable',
      });
    });

    it('GET /api/cube/catalog answers the cube catalogue', async () => {
      const res = await get('/api/cube/catalog');
      expect(await res.json()).to.deep.equal(cube.describe());
    });

    it('no answer names a personal field', async () => {
      for (const path of [
        '/api/batches',
        '/api/dq',
        '/api/high-cost-members',
        '/api/health',
        '/api/cube?measures=paid&by=metal_tier',
        '/api/cube/catalog',
      ]) {
        const body: unknown = await (await get(path)).json();
        expect(personalFieldNamesIn(body), path).to.deep.equal([]);
      }
    });
  });

  describe('methods, paths and headers', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      it(`answers 405 to ${method} with Allow: GET, HEAD`, async () => {
        const res = await get('/api/batches', { method });
        expect(res.status).to.equal(405);
        expect(res.headers.get('allow')).to.equal('GET, HEAD');
        expectSecurityHeaders(res);
        expect(await res.json()).to.deep.equal({ error: `method ${method} not allowed` });
      });
    }

    it('answers HEAD with the headers of GET and no body', async () => {
      const getRes = await get('/api/dq');
      const getBody = await getRes.arrayBuffer();
      const head = await get('/api/dq', { method: 'HEAD' });
      expect(head.status).to.equal(200);
      expect(head.headers.get('content-length')).to.equal(String(getBody.byteLength));
      expect((await head.arrayBuffer()).byteLength).to.equal(0);
      expectSecurityHeaders(head);
    });

    it('sets the security headers on every kind of response', async () => {
      for (const path of [
        '/',
        '/dashboard.js',
        '/styles.css',
        '/vendor/chart.js',
        '/api/health',
        '/api/cube?measures=nope',
        '/api/nope',
        '/nope',
      ]) {
        const res = await get(path);
        expectSecurityHeaders(res);
      }
    });

    it('serves the page, its script, styles and chart.js with their types', async () => {
      const page = await get('/');
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(await page.text()).to.contain('<canvas id="chart-pmpm"');
      const script = await get('/dashboard.js');
      expect(script.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
      const chart = await get('/vendor/chart.js');
      expect(chart.status).to.equal(200);
      expect(await chart.text()).to.match(/Chart\.js v4\./);
    });

    it('answers 304 to a matching If-None-Match', async () => {
      const first = await get('/styles.css');
      const etag = first.headers.get('etag') ?? '';
      expect(etag).to.match(/^"[\w-]+"$/);
      const again = await get('/styles.css', { headers: { 'If-None-Match': etag } });
      expect(again.status).to.equal(304);
      expectSecurityHeaders(again);
    });

    it('answers 404 for unknown paths and never serves files outside the table', async () => {
      const api = await get('/api/nope');
      expect(api.status).to.equal(404);
      expect(await api.json()).to.deep.equal({ error: 'no such endpoint: /api/nope' });
      for (const path of [
        '/package.json',
        '/%2e%2e/package.json',
        '/public/index.html',
        '/vendor/',
      ]) {
        expect((await get(path)).status, path).to.equal(404);
      }
    });

    it('the page loads only its own scripts (no inline code, no other origin)', async () => {
      const html = await (await get('/')).text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1])?.[1])).to.deep.equal([
        '/vendor/chart.js',
        '/dashboard.js',
      ]);
      expect(scripts.every((m) => m[2].trim() === '')).to.equal(true);
      expect(html).not.to.match(/\son\w+=/i);
      expect(html).not.to.match(/\sstyle=/i);
      expect(html).not.to.match(/https?:\/\//);
    });
  });
});
