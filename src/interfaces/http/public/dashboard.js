// The dashboard: reads the JSON API and draws with Chart.js (served from /vendor/chart.js).
// A plain browser script with no inline code (the page's Content-Security-Policy forbids it).
// window.__charts exposes every Chart instance so the browser test can check what was drawn;
// <body data-state> turns from "loading" to "ready" (or "error") when every card has answered.
(() => {
  'use strict';

  const METAL_ORDER = ['Catastrophic', 'Bronze', 'Silver', 'Gold', 'Platinum'];
  const METAL_COLORS = {
    Catastrophic: '#7b8794',
    Bronze: '#a0643c',
    Silver: '#8e9aaf',
    Gold: '#d4a017',
    Platinum: '#4c6ef5',
  };
  const FALLBACK_COLORS = ['#2b6cb0', '#38a169', '#dd6b20', '#805ad5', '#d53f8c', '#319795'];
  const OUTCOME_COLORS = {
    succeeded: '#2f855a',
    passed: '#2f855a',
    running: '#d69e2e',
    skipped: '#d69e2e',
    warning: '#d69e2e',
    failed: '#c53030',
    'check error': '#805ad5',
  };

  /** Data-quality outcomes, worst first. */
  const OUTCOME_ORDER = ['failed', 'check error', 'warning', 'passed'];

  const charts = {};
  window.__charts = charts;

  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.datasets.bar.maxBarThickness = 48;

  async function getJson(path) {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await res.json();
    if (!res.ok) throw new Error(body && body.error ? body.error : `HTTP ${res.status}`);
    return body;
  }

  const cube = (measures, by) =>
    getJson(`/api/cube?measures=${measures.join(',')}&by=${by.join(',')}`);
  const num = (value) => (value === null || value === undefined ? null : Number(value));
  const monthLabel = (value) => String(value).slice(0, 7);
  const outcomeColor = (outcome) => OUTCOME_COLORS[outcome] || '#7b8794';

  /** pass / fail / error of a check, read with its severity. */
  function dqOutcome(check) {
    if (check.status === 'pass') return 'passed';
    if (check.status === 'error') return 'check error';
    return check.severity === 'warn' ? 'warning' : 'failed';
  }

  function draw(key, canvasId, config, emptyText = 'No data yet: load a seed set (npm run etl).') {
    const canvas = document.getElementById(canvasId);
    charts[key] = new Chart(canvas, config);
    const points = config.data.datasets.reduce(
      (n, d) => n + d.data.filter((v) => v !== null && v !== undefined).length,
      0,
    );
    if (points === 0) {
      const note = document.createElement('p');
      note.className = 'no-data';
      note.textContent = emptyText;
      canvas.parentElement.appendChild(note);
    }
  }

  /** Fills a table's body; cells are text only (textContent), never HTML. */
  function fillTable(tableId, items, columns) {
    const body = document.querySelector(`#${tableId} tbody`);
    body.textContent = '';
    if (items.length === 0) {
      const tr = body.insertRow();
      const td = tr.insertCell();
      td.colSpan = columns.length;
      td.className = 'empty';
      td.textContent = 'no rows yet';
      return;
    }
    for (const item of items) {
      const tr = body.insertRow();
      for (const [value, className] of columns) {
        const td = tr.insertCell();
        const text = value(item);
        // [main, detail]: a second, muted line in the same cell.
        const [main, detail] = Array.isArray(text) ? text : [text];
        td.textContent = main === null || main === undefined ? '' : String(main);
        if (detail) {
          const small = document.createElement('small');
          small.textContent = String(detail);
          td.append(document.createElement('br'), small);
        }
        if (className) td.className = typeof className === 'function' ? className(item) : className;
      }
    }
  }

  function showError(cardId, error) {
    const message = document.querySelector(`#${cardId} .error`);
    message.textContent = `Could not load: ${error.message}`;
    message.hidden = false;
  }

  async function renderPmpm() {
    const { rows } = await cube(['pmpm'], ['month', 'metal_tier']);
    const months = [...new Set(rows.map((r) => monthLabel(r.month)))].sort();
    const tiers = [...new Set(rows.map((r) => r.metal_tier))].sort(
      (a, b) => METAL_ORDER.indexOf(a) - METAL_ORDER.indexOf(b),
    );
    const datasets = tiers.map((tier, i) => {
      const byMonth = new Map(
        rows.filter((r) => r.metal_tier === tier).map((r) => [monthLabel(r.month), num(r.pmpm)]),
      );
      const color = METAL_COLORS[tier] || FALLBACK_COLORS[i % FALLBACK_COLORS.length];
      return {
        label: tier === null ? 'unknown' : tier,
        data: months.map((m) => (byMonth.has(m) ? byMonth.get(m) : null)),
        borderColor: color,
        backgroundColor: color,
        spanGaps: true,
        tension: 0.2,
      };
    });
    draw('pmpm', 'chart-pmpm', {
      type: 'line',
      data: { labels: months, datasets },
      options: {
        scales: {
          y: { beginAtZero: true, title: { display: true, text: 'USD per member month' } },
        },
      },
    });
  }

  async function renderPaid() {
    const { rows } = await cube(['paid'], ['month']);
    const sorted = [...rows].sort((a, b) => (monthLabel(a.month) < monthLabel(b.month) ? -1 : 1));
    draw('paid', 'chart-paid', {
      type: 'bar',
      data: {
        labels: sorted.map((r) => monthLabel(r.month)),
        datasets: [
          { label: 'Paid (USD)', data: sorted.map((r) => num(r.paid)), backgroundColor: '#2b6cb0' },
        ],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  }

  async function renderSpecialty() {
    const { rows } = await cube(['claims', 'paid'], ['specialty']);
    const sorted = [...rows].sort((a, b) => num(b.claims) - num(a.claims));
    draw('specialty', 'chart-specialty', {
      type: 'bar',
      data: {
        labels: sorted.map((r) => (r.specialty === null ? 'unknown' : r.specialty)),
        datasets: [
          { label: 'Claims', data: sorted.map((r) => num(r.claims)), backgroundColor: '#38a169' },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              afterLabel: (ctx) => `Paid: ${money.format(num(sorted[ctx.dataIndex].paid))}`,
            },
          },
        },
        scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } },
      },
    });
  }

  async function renderHighCost() {
    const { members } = await getJson('/api/high-cost-members?limit=10');
    draw(
      'highCost',
      'chart-high-cost',
      {
        type: 'bar',
        data: {
          labels: members.map((m) => m.member_id),
          datasets: [
            {
              label: 'Paid, rolling 12 months (USD)',
              data: members.map((m) => num(m.rolling_12m_paid)),
              backgroundColor: '#c05621',
            },
          ],
        },
        options: {
          indexAxis: 'y',
          plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } },
        },
      },
      'No member is over the high-cost threshold in the latest month.',
    );
    if (members.length > 0) {
      document.getElementById('high-cost-hint').textContent =
        `Members over ${money.format(num(members[0].high_cost_threshold))} paid in the 12 months ` +
        `to ${monthLabel(members[0].month)}; member ids only.`;
    }
    fillTable('table-high-cost', members, [
      [(m) => m.paid_rank, 'num'],
      [(m) => m.member_id],
      [(m) => whole.format(num(m.rolling_12m_claims)), 'num'],
      [(m) => money.format(num(m.rolling_12m_paid)), 'num'],
    ]);
  }

  async function renderDq() {
    const { checks } = await getJson('/api/dq');
    const counts = new Map();
    for (const check of checks)
      counts.set(dqOutcome(check), (counts.get(dqOutcome(check)) || 0) + 1);
    const outcomes = [...counts.keys()].sort(
      (a, b) => OUTCOME_ORDER.indexOf(a) - OUTCOME_ORDER.indexOf(b),
    );
    // Problems first, then passes; by name within each.
    const ordered = [...checks].sort(
      (a, b) =>
        OUTCOME_ORDER.indexOf(dqOutcome(a)) - OUTCOME_ORDER.indexOf(dqOutcome(b)) ||
        (a.check_name < b.check_name ? -1 : 1),
    );
    draw('dq', 'chart-dq', {
      type: 'doughnut',
      data: {
        labels: outcomes,
        datasets: [
          {
            data: outcomes.map((o) => counts.get(o)),
            backgroundColor: outcomes.map(outcomeColor),
          },
        ],
      },
      options: { plugins: { legend: { position: 'right' } } },
    });
    fillTable('table-dq', ordered, [
      [(c) => [c.check_name, c.table_name], 'check'],
      [(c) => c.severity],
      [(c) => dqOutcome(c), (c) => `status status-${dqOutcome(c).replace(' ', '-')}`],
      [(c) => whole.format(num(c.failing_count)), 'num'],
      [(c) => c.load_id, 'num'],
    ]);
  }

  async function renderBatches() {
    const { batches } = await getJson('/api/batches?limit=20');
    const chronological = [...batches].reverse();
    draw('batches', 'chart-batches', {
      type: 'bar',
      data: {
        labels: chronological.map((b) =>
          b.status === 'succeeded'
            ? `#${b.load_id} ${b.seed_set}`
            : `#${b.load_id} ${b.seed_set} (${b.status})`,
        ),
        datasets: [
          {
            label: 'Staged',
            data: chronological.map((b) => num(b.rows_staged)),
            backgroundColor: '#2f855a',
          },
          {
            label: 'Rejected',
            data: chronological.map((b) => num(b.rows_rejected)),
            backgroundColor: '#c53030',
          },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
    fillTable('table-batches', batches, [
      [(b) => b.load_id, 'num'],
      [(b) => b.seed_set, 'nowrap'],
      [(b) => b.mode],
      [(b) => String(b.as_of).slice(0, 10), 'nowrap'],
      [(b) => b.status, (b) => `status status-${b.status}`],
      [(b) => whole.format(num(b.rows_read)), 'num'],
      [(b) => whole.format(num(b.rows_staged)), 'num'],
      [(b) => whole.format(num(b.rows_rejected)), 'num'],
      [(b) => (b.seconds === null ? '' : b.seconds.toFixed(1)), 'num'],
      [(b) => b.error || '', 'error-text'],
    ]);
  }

  async function renderHealth() {
    const target = document.getElementById('health');
    try {
      const h = await getJson('/api/health');
      const latest = !h.migrated
        ? 'none: the warehouse is not migrated yet'
        : h.latest_load_id === null
          ? 'none yet'
          : `#${h.latest_load_id} ${h.latest_load_status}`;
      target.textContent = `database (${h.engine}) up · latest load ${latest}`;
    } catch (error) {
      target.textContent = `warehouse unavailable: ${error.message}`;
      throw error;
    }
  }

  const cards = [
    ['card-pmpm', renderPmpm],
    ['card-paid', renderPaid],
    ['card-specialty', renderSpecialty],
    ['card-high-cost', renderHighCost],
    ['card-dq', renderDq],
    ['card-batches', renderBatches],
  ];

  Promise.allSettled([
    renderHealth(),
    ...cards.map(([cardId, render]) =>
      render().catch((error) => {
        showError(cardId, error);
        throw error;
      }),
    ),
  ]).then((results) => {
    document.body.dataset.state = results.some((r) => r.status === 'rejected') ? 'error' : 'ready';
  });
})();
