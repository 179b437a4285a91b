import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { describeOnEngines } from '../../support/test-database';
import { MemoryLogger, TestServer } from '../../unit/http/support/http-test-server';
import {
  buildDemoWarehouse,
  DEMO_MONTHS,
  DEMO_PROVIDERS,
  demoPersonalValues,
} from './demo-warehouse';
import { startDemoServer } from './demo-server';

/** Debian's Chromium: Playwright's own browser download cannot run here (no network). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = resolve(__dirname, '../../../test-artifacts');

/** What the page drew, read from window.__charts and the canvases. */
interface ChartSummary {
  readonly type: string;
  readonly labels: number;
  readonly datasets: number;
  /** Non-null data points over all datasets. */
  readonly points: number;
  /** Canvas pixels that are not fully transparent. */
  readonly paintedPixels: number;
  readonly canvasPixels: number;
}

function summarizeCharts(page: Page): Promise<Record<string, ChartSummary>> {
  return page.evaluate(() => {
    interface ChartLike {
      config: { type: string };
      data: { labels?: unknown[]; datasets: Array<{ data: unknown[] }> };
      canvas: HTMLCanvasElement;
    }
    const charts = (window as unknown as { __charts: Record<string, ChartLike> }).__charts;
    const out: Record<string, ChartSummary> = {};
    for (const [key, chart] of Object.entries(charts)) {
      const { canvas } = chart;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted += 1;
      out[key] = {
        type: chart.config.type,
        labels: chart.data.labels?.length ?? 0,
        datasets: chart.data.datasets.length,
        points: chart.data.datasets.reduce(
          (n, d) => n + d.data.filter((v) => v !== null && v !== undefined).length,
          0,
        ),
        paintedPixels: painted,
        canvasPixels: canvas.width * canvas.height,
      };
    }
    return out;
  });
}

/** Body rows of a table, as cell texts. */
function tableRows(page: Page, tableId: string): Promise<string[][]> {
  return page.$$eval(`#${tableId} tbody tr`, (rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.innerText.trim())),
  );
}

describeOnEngines('dashboard in headless Chromium', (t) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const logger = new MemoryLogger();
  /** Console errors, page errors and failed requests (CSP violations show up here). */
  const problems: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) ` +
          'or point CHROMIUM_PATH at a Chromium binary; this test is never skipped.',
      );
    }
    await buildDemoWarehouse(t.db);
    server = await startDemoServer(t, logger);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', {
      timeout: 30000,
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads every card without errors, CSP violations or failed requests', async () => {
    expect(await page.getAttribute('body', 'data-state')).to.equal('ready');
    expect(problems).to.deep.equal([]);
    expect(await page.$$eval('.error:not([hidden])', (els) => els.length)).to.equal(0);
    expect(await page.$$eval('.no-data', (els) => els.length)).to.equal(0);
    expect(await page.innerText('#health')).to.equal(
      `database (${t.engine}) up · latest load #3 succeeded`,
    );
  });

  it('draws each chart with data on a canvas that is not blank', async () => {
    const charts = await summarizeCharts(page);
    expect(Object.keys(charts).sort()).to.deep.equal([
      'batches',
      'dq',
      'highCost',
      'paid',
      'pmpm',
      'specialty',
    ]);
    for (const [key, chart] of Object.entries(charts)) {
      expect(chart.datasets, `${key} datasets`).to.be.greaterThan(0);
      expect(chart.points, `${key} points`).to.be.greaterThan(0);
      // Axes alone paint a few percent; bars, lines and arcs add to it.
      expect(chart.paintedPixels / chart.canvasPixels, `${key} painted share`).to.be.greaterThan(
        0.02,
      );
    }
    // Four metal tiers over six months; paid over six months; five specialties.
    expect(charts.pmpm).to.include({
      type: 'line',
      labels: DEMO_MONTHS.length,
      datasets: 4,
      points: 24,
    });
    expect(charts.paid).to.include({ type: 'bar', labels: DEMO_MONTHS.length, points: 6 });
    expect(charts.specialty).to.include({ labels: DEMO_PROVIDERS.length, points: 5 });
    expect(charts.highCost).to.include({ labels: 3, points: 3 });
    expect(charts.batches).to.include({ labels: 3, datasets: 2, points: 6 });
    expect(charts.dq).to.include({ type: 'doughnut', labels: 2, points: 2 });
  });

  it('fills the high-cost, data-quality and load-history tables', async () => {
    expect(await tableRows(page, 'table-high-cost')).to.deep.equal([
      ['1', 'M0001', '12', '$155,250.00'],
      ['2', 'M0002', '12', '$122,500.00'],
      ['3', 'M0005', '12', '$52,500.00'],
    ]);
    // Problems first, then passes.
    const dq = await tableRows(page, 'table-dq');
    expect(dq.map((r) => [r[0].split('\n')[0], r[2]])).to.deep.equal([
      ['provider_npi_valid', 'warning'],
      ['claims_paid_not_above_allowed', 'passed'],
      ['fact_claim_default_partition_empty', 'passed'],
    ]);
    const batches = await tableRows(page, 'table-batches');
    expect(batches.map((r) => r.slice(0, 5))).to.deep.equal([
      ['3', 'seed_20250301T000000Z', 'incremental', '2025-03-01', 'succeeded'],
      ['2', 'seed_20250201T000000Z', 'incremental', '2025-02-01', 'failed'],
      ['1', 'seed_20250101T000000Z', 'full', '2025-01-01', 'succeeded'],
    ]);
  });

  it('shows member ids only: no name or contact detail on the page', async () => {
    const text = await page.innerText('body');
    expect(text).to.contain('M0001');
    for (const value of demoPersonalValues()) expect(text).not.to.contain(value);
  });

  it('writes a full-page screenshot to test-artifacts/', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = resolve(
      ARTIFACTS,
      t.engine === 'pglite' ? 'dashboard.png' : `dashboard-${t.engine}.png`,
    );
    const png = await page.screenshot({ path: file, fullPage: true });
    // PNG signature, and a full page is more than a blank few kilobytes.
    expect(png.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');
    expect(png.length).to.be.greaterThan(50_000);
    expect(existsSync(file)).to.equal(true);
  });
});
