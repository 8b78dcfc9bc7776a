// SalesPulse live dashboard. Plain ES2020 module, no build step; charts by Apache ECharts
// (served from its WebJar). Data: the HTTP API of docs/api.md, live over server-sent events.

/* global echarts */

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

const WINDOWS = [
  { id: 'PT1H', label: 'Hour', previous: 'prev. hour' },
  { id: 'P1D', label: '24 h (UTC day)', previous: 'prev. day' },
  { id: 'day', label: 'Calendar day', previous: 'yesterday' },
  { id: 'week', label: 'Calendar week', previous: 'prev. week' },
  { id: 'month', label: 'Calendar month', previous: 'prev. month' },
  { id: 'quarter', label: 'Calendar quarter', previous: 'prev. quarter' },
];

/** The tiles, in display order; `better` says which way of change is good news. */
const TILES = [
  { kpi: 'leads_created', label: 'Leads created', better: 'up' },
  { kpi: 'first_response_time', label: 'First response time', better: 'down' },
  { kpi: 'followed_up_pct', label: 'Followed up', better: 'up' },
  { kpi: 'response_rate', label: 'Response rate', better: 'up' },
  { kpi: 'positive_reply_rate', label: 'Positive replies', better: 'up' },
  { kpi: 'win_rate', label: 'Win rate', better: 'up' },
  { kpi: 'deals_won', label: 'Deals won', better: 'up' },
  { kpi: 'revenue_won', label: 'Revenue won', better: 'up' },
  { kpi: 'avg_deal_size', label: 'Avg deal size', better: 'up' },
  { kpi: 'pipeline_velocity', label: 'Pipeline velocity', better: 'up' },
  { kpi: 'sla_met_pct', label: 'SLA met', better: 'up' },
  { kpi: 'sla_breaches', label: 'SLA breaches', better: 'down' },
];

const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'disqualified'];
const STAGE_LABELS = {
  subscriber: 'Subscriber', lead: 'Lead', mql: 'MQL', sql: 'SQL', opportunity: 'Opportunity',
  customer: 'Customer', evangelist: 'Evangelist', disqualified: 'Disqualified',
};
const stageKpi = (stage) => `lead_stage_share.${stage}`;

const LEADERBOARD_KPIS = [
  { kpi: 'deals_won', label: 'Deals won', order: 'desc' },
  { kpi: 'revenue_won', label: 'Revenue won', order: 'desc' },
  { kpi: 'first_response_time', label: 'First response time', order: 'asc' },
  { kpi: 'win_rate', label: 'Win rate', order: 'desc' },
];

const DEFAULT_FILTERS = { dimension: 'org', value: 'all', window: 'day', team: '', leaderboard: 'deals_won' };
const SCOPE_DIMENSIONS = { org: 'Organisation', team: 'Team', region: 'Region', channel: 'Channel' };

const SERIES_KPIS = [...TILES.map((t) => t.kpi), ...STAGES.map(stageKpi)];
const SPARK_WINDOWS = 24;
const POLL_MS = 15000;
const LIVE_REFRESH_MS = 2000;
const LEADERBOARD_LIMIT = 12;
const ALERT_ROWS = 50;
const TOKEN_KEY = 'salespulse.token';

const COLORS = {
  text: '#e6edf7', muted: '#8b9bb4', grid: '#1e2944', accent: '#38bdf8', accentFill: 'rgba(56,189,248,0.28)',
  good: '#22c55e', amber: '#f5a524', bad: '#f43f5e',
  stages: ['#7dd3fc', '#38bdf8', '#0ea5e9', '#6366f1', '#8b5cf6', '#22c55e', '#10b981', '#64748b'],
  bands: ['#22c55e', '#84cc16', '#eab308', '#f5a524', '#f97316', '#ef4444', '#b91c1c'],
};

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

const state = {
  filters: readFilters(),
  skewMs: 0, // server clock minus browser clock
  roster: new Map(), // repId -> rep
  scopeMembers: { team: [], region: [], channel: [] },
  series: new Map(), // kpi -> { unit, from, points[] }, for the current scope and window
};

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const $ = (selector, root = document) => root.querySelector(selector);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const serverNow = () => Date.now() + state.skewMs;
const windowInfo = (id) => WINDOWS.find((w) => w.id === id) ?? WINDOWS[0];
const tileInfo = (kpi) => TILES.find((t) => t.kpi === kpi);
const leaderboardInfo = (kpi) => LEADERBOARD_KPIS.find((k) => k.kpi === kpi) ?? LEADERBOARD_KPIS[0];

/** Creates an element: h('td', {class: 'num'}, 'text', childNode). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  return search.toString().replace(/%2C/g, ','); // lists stay readable: kpi=a,b
}

/** Runs fn at most once per `ms`, always also after the last call. */
function throttled(fn, ms) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, Math.max(0, last + ms - Date.now()));
  };
}

/** Never runs fn twice at once: a call during a run asks for one more run after it. */
function coalesced(fn) {
  let running = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await fn();
      } while (again);
    })().finally(() => { running = null; });
    return running;
  };
  return run;
}

/** The filters a refresh depends on, to drop its answer when they changed while it was asked. */
function snapshot(...names) {
  return Object.fromEntries(names.map((name) => [name, state.filters[name]]));
}

function isCurrent(filters) {
  return Object.entries(filters).every(([name, value]) => state.filters[name] === value);
}

const SCOPE_FILTERS = ['dimension', 'value', 'window'];

function noteServerTime(iso) {
  const at = Date.parse(iso);
  if (Number.isFinite(at)) state.skewMs = at - Date.now();
}

function markUpdated() {
  const now = new Date();
  const el = $('#last-update');
  el.dateTime = now.toISOString();
  el.textContent = now.toLocaleTimeString('en-GB');
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

const currency = document.documentElement.dataset.currency || 'USD';
const moneyFormat = new Intl.NumberFormat('en-US', {
  style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3,
});
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** "42s", "4m 12s", "3h 05m", "2d 4h". */
function formatDuration(seconds) {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/**
 * A wait that ticks: "4:07" under an hour, then "3h 05m", "2d 4h". Leads do wait for days (a lead
 * nobody took), and "27:41:09" would read as a time of day.
 */
function formatWait(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 3600 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : formatDuration(s);
}

/** A magnitude in its unit; deltas of ratios are percentage points. */
function formatMagnitude(unit, value, { delta = false } = {}) {
  switch (unit) {
    case 'seconds': return formatDuration(value);
    case 'ratio': return delta ? `${(value * 100).toFixed(1)} pp` : `${(value * 100).toFixed(1)}%`;
    case 'money': return moneyFormat.format(value);
    case 'money_per_day': return `${moneyFormat.format(value)}/day`;
    case 'days': return `${value.toFixed(1)} d`;
    case 'score': return value.toFixed(0);
    default: return countFormat.format(value);
  }
}

function formatValue(unit, value) {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : formatMagnitude(unit, value);
}

// ---------------------------------------------------------------------------------------------
// API access: one helper for auth (401 → token dialog) and availability (503 → Retry-After)
// ---------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

const auth = { prompt: null, declined: false };
let unavailableUntil = 0;

const storedToken = () => sessionStorage.getItem(TOKEN_KEY) || '';

async function api(path) {
  for (;;) {
    await sleep(unavailableUntil - Date.now());
    const token = storedToken();
    const response = await fetch(path, {
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      cache: 'no-store',
    }).catch(() => { throw new ApiError(0, 'server unreachable, retrying'); });
    if (response.status === 401) {
      if (token !== storedToken() || await askForToken(token)) continue;
      throw new ApiError(401, 'access token required');
    }
    if (response.status === 503) {
      const seconds = Number(response.headers.get('Retry-After'));
      unavailableUntil = Date.now() + 1000 * (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) : 1);
      showBanner('unavailable', 'Pipeline starting or rebalancing, retrying…');
      continue;
    }
    if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
    hideBanner('unavailable');
    markUpdated();
    return response.json();
  }
}

async function problemDetail(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/**
 * Asks for the bearer token, once for all the requests that were refused together. Resolves to
 * whether a token was entered; after a cancel the page stops asking until the banner's button.
 */
function askForToken(rejectedToken) {
  if (auth.declined) return Promise.resolve(false);
  if (auth.prompt) return auth.prompt;
  auth.prompt = new Promise((resolve) => {
    const dialog = $('#token-dialog');
    const input = $('#token-input');
    $('#token-message').textContent = rejectedToken
      ? 'The server did not accept that token. Enter the bearer token again.'
      : 'This SalesPulse server asks for a bearer token.';
    input.value = '';
    dialog.addEventListener('close', () => {
      const token = input.value.trim();
      const accepted = dialog.returnValue === 'ok' && token !== '';
      if (accepted) {
        sessionStorage.setItem(TOKEN_KEY, token);
        hideBanner('auth');
      } else {
        auth.declined = true;
        showBanner('auth', 'This server needs an access token.', () => {
          auth.declined = false;
          restart();
        });
      }
      auth.prompt = null;
      resolve(accepted);
    }, { once: true });
    dialog.showModal();
  });
  return auth.prompt;
}

function showBanner(kind, text, action) {
  const banner = $('#banner');
  banner.dataset.kind = kind;
  $('#banner-text').textContent = text;
  const button = $('#banner-action');
  button.hidden = !action;
  button.onclick = action ?? null;
  banner.hidden = false;
}

function hideBanner(kind) {
  const banner = $('#banner');
  if (banner.dataset.kind === kind) banner.hidden = true;
}

// ---------------------------------------------------------------------------------------------
// Filters (kept in the URL query string)
// ---------------------------------------------------------------------------------------------

function readFilters() {
  const params = new URLSearchParams(location.search);
  const filters = { ...DEFAULT_FILTERS };
  for (const name of Object.keys(filters)) if (params.has(name)) filters[name] = params.get(name);
  if (!(filters.dimension in SCOPE_DIMENSIONS) || filters.dimension === 'org' || !filters.value) {
    Object.assign(filters, { dimension: 'org', value: 'all' });
  }
  if (!WINDOWS.some((w) => w.id === filters.window)) filters.window = DEFAULT_FILTERS.window;
  if (!LEADERBOARD_KPIS.some((k) => k.kpi === filters.leaderboard)) filters.leaderboard = DEFAULT_FILTERS.leaderboard;
  return filters;
}

function writeFilters() {
  history.replaceState(null, '', `?${query(state.filters)}`);
}

function changeFilters(patch) {
  const before = state.filters;
  state.filters = { ...before, ...patch };
  writeFilters();
  renderFilterControls();
  connectStream(); // reopens only when the stream's filters changed
  if (SCOPE_FILTERS.every((name) => before[name] === state.filters[name])) {
    refresh.leaderboard();
    return;
  }
  resetSeries();
  renderTiles();
  drawSeriesCharts();
  refreshData();
}

const scopeKey = (dimension, value) => `${dimension}:${value}`;
const scopeLabel = (dimension, value) => (dimension === 'org' ? 'Organisation' : `${SCOPE_DIMENSIONS[dimension]} ${value}`);

function fillSelect(select, options, selected) {
  const nodes = options.map((o) => (o.group
    ? h('optgroup', { label: o.group }, ...o.options.map((x) => h('option', { value: x.value }, x.label)))
    : h('option', { value: o.value }, o.label)));
  select.replaceChildren(...nodes);
  select.value = selected;
}

function renderFilterControls() {
  const { dimension, value, window, team, leaderboard } = state.filters;
  const members = { ...state.scopeMembers };
  if (dimension !== 'org' && !members[dimension].includes(value)) members[dimension] = [...members[dimension], value].sort();
  fillSelect($('#scope-select'), [
    { value: 'org:all', label: 'Organisation' },
    ...['team', 'region', 'channel'].filter((d) => members[d].length).map((d) => ({
      group: `${SCOPE_DIMENSIONS[d]}s`,
      options: members[d].map((m) => ({ value: scopeKey(d, m), label: scopeLabel(d, m) })),
    })),
  ], scopeKey(dimension, value));
  fillSelect($('#window-select'), WINDOWS.map((w) => ({ value: w.id, label: w.label })), window);
  const teams = team && !members.team.includes(team) ? [...members.team, team] : members.team;
  fillSelect($('#leaderboard-team'), [{ value: '', label: 'All teams' },
    ...teams.map((t) => ({ value: t, label: `Team ${t}` }))], team);
  fillSelect($('#leaderboard-kpi'), LEADERBOARD_KPIS.map((k) => ({ value: k.kpi, label: k.label })), leaderboard);
  $('#leaderboard-value-head').textContent = leaderboardInfo(leaderboard).label;
  $('#scope-title').textContent = `${scopeLabel(dimension, value)} · ${windowInfo(window).label}`;
  document.title = `SalesPulse · ${scopeLabel(dimension, value)}`;
}

function bindFilterControls() {
  $('#scope-select').addEventListener('change', (e) => {
    const [dimension, ...rest] = e.target.value.split(':');
    const value = rest.join(':');
    changeFilters({ dimension, value, ...(dimension === 'team' ? { team: value } : {}) });
  });
  $('#window-select').addEventListener('change', (e) => changeFilters({ window: e.target.value }));
  $('#leaderboard-team').addEventListener('change', (e) => changeFilters({ team: e.target.value }));
  $('#leaderboard-kpi').addEventListener('change', (e) => changeFilters({ leaderboard: e.target.value }));
}

async function refreshScopeOptions() {
  const month = (dimension) => api(`api/kpis/leads_created/leaderboard?${query({ dimension, window: 'month' })}`)
    .then((board) => board.entries.map((e) => e.member), () => []);
  const [roster, channels, regions] = await Promise.all([api('api/roster'), month('channel'), month('region')]);
  state.roster = new Map(roster.reps.map((rep) => [rep.repId, rep]));
  const distinct = (values) => [...new Set(values.filter(Boolean))].sort();
  const members = {
    team: distinct(roster.reps.map((r) => r.team ?? r.teamId)),
    region: distinct([...roster.reps.map((r) => r.region), ...regions]),
    channel: distinct(channels),
  };
  if (JSON.stringify(members) !== JSON.stringify(state.scopeMembers)) {
    state.scopeMembers = members;
    renderFilterControls();
  }
}

// ---------------------------------------------------------------------------------------------
// KPI series (tiles, sparklines, funnel): fetched, then kept current by the stream
// ---------------------------------------------------------------------------------------------

function resetSeries() {
  state.series = new Map(SERIES_KPIS.map((kpi) => [kpi, { unit: null, from: null, points: [] }]));
}

/** Merges points into a series: per window the highest revision wins; only the latest 24 stay. */
function mergePoints(series, points) {
  const byStart = new Map(series.points.map((p) => [p.windowStart, p]));
  for (const point of points) {
    const known = byStart.get(point.windowStart);
    if (!known || (point.revision ?? 0) >= (known.revision ?? 0)) byStart.set(point.windowStart, point);
  }
  const from = series.from ? Date.parse(series.from) : -Infinity;
  series.points = [...byStart.values()]
    .filter((p) => Date.parse(p.windowEnd) > from)
    .sort((a, b) => Date.parse(a.windowStart) - Date.parse(b.windowStart))
    .slice(-SPARK_WINDOWS);
}

/** The point of the window holding now and the point of the window just before it, if any. */
function currentAndPrevious(series) {
  const last = series && series.points[series.points.length - 1];
  if (!last || Date.parse(last.windowEnd) <= serverNow()) return {};
  const previous = series.points.find((p) => Date.parse(p.windowEnd) === Date.parse(last.windowStart));
  return { current: last, previous };
}

async function fetchSeries(kpi, scope) {
  const answer = await api(`api/kpis/${encodeURIComponent(kpi)}?${query(scope)}`);
  if (!isCurrent(scope)) return;
  noteServerTime(answer.to);
  const series = state.series.get(kpi);
  series.unit = answer.unit ?? series.unit;
  series.from = answer.from;
  mergePoints(series, answer.points ?? []);
}

async function refreshSeries() {
  const scope = snapshot(...SCOPE_FILTERS);
  const results = await Promise.allSettled(SERIES_KPIS.map((kpi) => fetchSeries(kpi, scope)));
  if (!isCurrent(scope)) return;
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length === results.length) throw failed[0].reason;
  if (failed.length) console.warn(`SalesPulse: ${failed.length} KPI series failed:`, failed[0].reason.message);
  renderTiles();
  drawSeriesCharts();
}

/** A KpiChange from the stream: applied at once to its tile, charts follow throttled. */
function applyChange(change) {
  const { dimension, value, window } = state.filters;
  if (change.dimension !== dimension || change.dimensionValue !== value || change.window !== window) return;
  if (change.kpi === 'first_response_time') liveRefresh.distribution();
  if (change.kpi === state.filters.leaderboard) liveRefresh.leaderboard();
  const series = state.series.get(change.kpi);
  if (!series) return;
  series.unit = change.unit ?? series.unit;
  mergePoints(series, [change]);
  if (tileInfo(change.kpi)) renderTile(change.kpi, { flash: true });
  liveRefresh.charts();
}

// ---------------------------------------------------------------------------------------------
// Tiles
// ---------------------------------------------------------------------------------------------

function buildTiles() {
  $('#tiles').replaceChildren(...TILES.map((tile) => h('article', { class: 'tile', 'data-kpi': tile.kpi },
    h('header', { class: 'tile-label' }, tile.label),
    h('div', { class: 'tile-value' }, '—'),
    h('div', { class: 'tile-delta', 'data-direction': 'none' }),
    h('div', { class: 'sparkline' }))));
}

function renderTiles() {
  for (const tile of TILES) renderTile(tile.kpi);
}

function renderTile(kpi, { flash = false } = {}) {
  const node = $(`.tile[data-kpi="${kpi}"]`);
  const series = state.series.get(kpi);
  const { current, previous } = currentAndPrevious(series);
  const valueNode = $('.tile-value', node);
  const text = formatValue(series.unit, current?.value);
  if (flash && valueNode.textContent !== text) {
    valueNode.classList.remove('flash');
    void valueNode.offsetWidth; // restart the animation
    valueNode.classList.add('flash');
  }
  const [, amount, per] = text.match(/^(.*?)(\/day)?$/);
  valueNode.replaceChildren(amount, ...(per ? [h('span', { class: 'tile-unit' }, per)] : []));
  node.dataset.empty = String(text === '—');
  renderDelta($('.tile-delta', node), tileInfo(kpi), series.unit, current?.value, previous?.value);
}

function renderDelta(node, tile, unit, current, previous) {
  const comparable = Number.isFinite(current) && Number.isFinite(previous);
  const delta = comparable ? current - previous : 0;
  const direction = !comparable ? 'none' : Math.abs(delta) < 1e-9 ? 'flat' : delta > 0 ? 'up' : 'down';
  node.dataset.direction = direction;
  node.dataset.mood = direction === 'up' || direction === 'down'
    ? (direction === tile.better ? 'good' : 'bad') : 'neutral';
  const since = `vs ${windowInfo(state.filters.window).previous}`;
  if (!comparable) {
    node.replaceChildren(h('span', { class: 'delta-note' }, Number.isFinite(current) ? `no data ${since}` : 'no data in this window'));
    return;
  }
  const arrow = { up: '▲', down: '▼', flat: '●' }[direction];
  const sign = direction === 'up' ? '+' : direction === 'down' ? '−' : '±';
  node.replaceChildren(
    h('span', { class: 'delta-amount' }, `${arrow} ${sign}${formatMagnitude(unit, Math.abs(delta), { delta: true })}`),
    h('span', { class: 'delta-note' }, ` ${since}`));
}

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

const charts = new Map();

function chartFor(container) {
  let chart = charts.get(container);
  if (!chart) {
    chart = echarts.init(container, null, { renderer: 'canvas' });
    chart.on('finished', () => {
      if (container.dataset.hasData === 'true') container.dataset.drawn = 'true';
    });
    new ResizeObserver(() => chart.resize()).observe(container);
    charts.set(container, chart);
  }
  return chart;
}

/** Draws `option` into container, or shows the panel's empty note when there is nothing to draw. */
function draw(container, option) {
  const empty = container.parentElement.querySelector('.chart-empty');
  if (empty) empty.hidden = Boolean(option);
  if (!option) {
    container.dataset.hasData = 'false';
    chartFor(container).clear();
    return;
  }
  container.dataset.hasData = 'true';
  chartFor(container).setOption({ backgroundColor: 'transparent', textStyle: { fontFamily: chartFont() }, ...option }, true);
}

/** The page's fonts, for the canvas, which inherits no CSS. */
const chartFont = () => getComputedStyle(document.body).fontFamily;
// ECharts sizes the grid for labels in its default font unless the axis names the font itself.
const axisLabel = (fontSize = 14) => ({ color: COLORS.muted, fontSize, fontFamily: chartFont() });
/** "15-30 min" → "15-30\nmin": band labels on two lines, so that seven fit side by side. */
const twoLines = (label) => label.replace(/ (?=\S+$)/, '\n');
const tooltip = (formatter) => ({
  trigger: 'item', formatter, backgroundColor: '#0f172a', borderColor: COLORS.grid, textStyle: { color: COLORS.text },
});

function drawSeriesCharts() {
  const range = sparklineRange();
  for (const tile of TILES) drawSparkline(tile.kpi, range);
  drawFunnel();
}

const drawnPoints = (series) => series.points.filter((p) => Number.isFinite(p.value));

/**
 * One time axis for all sparklines, so that the tiles line up: from the earliest window with data in
 * any tile to the latest. Not from the 24 windows asked for: a young series (the first days of an
 * install, the demo's day of history) would be a tick at the tiles' right edge.
 */
function sparklineRange() {
  const starts = TILES.flatMap((tile) => drawnPoints(state.series.get(tile.kpi)).map((p) => Date.parse(p.windowStart)));
  const min = Math.min(...starts);
  const max = Math.max(...starts);
  return starts.length && max > min ? { min, max } : { min: 'dataMin', max: 'dataMax' };
}

function drawSparkline(kpi, range) {
  const series = state.series.get(kpi);
  const container = $(`.tile[data-kpi="${kpi}"] .sparkline`);
  const points = drawnPoints(series);
  if (!points.length) return draw(container, null);
  const lastIndex = points.length - 1;
  return draw(container, {
    animation: false,
    grid: { left: 4, right: 6, top: 6, bottom: 4 },
    xAxis: { type: 'time', show: false, ...range },
    yAxis: { type: 'value', show: false, scale: true },
    tooltip: { ...tooltip(), trigger: 'axis', axisPointer: { type: 'none' },
      formatter: ([p]) => `${new Date(p.value[0]).toLocaleString('en-GB')}<br><b>${formatValue(series.unit, p.value[1])}</b>` },
    series: [{
      type: 'line',
      data: points.map((p) => [Date.parse(p.windowStart), p.value]),
      smooth: 0.25,
      symbol: 'circle',
      symbolSize: (value, params) => (params.dataIndex === lastIndex ? 7 : 0),
      lineStyle: { width: 2.5, color: COLORS.accent },
      itemStyle: { color: COLORS.accent },
      areaStyle: {
        color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: COLORS.accentFill }, { offset: 1, color: 'rgba(56,189,248,0)' }]),
      },
    }],
  });
}

/** Stage shares as a centred bar funnel, stages in lifecycle order (not sorted by size). */
function drawFunnel() {
  const shares = STAGES.map((stage) => currentAndPrevious(state.series.get(stageKpi(stage))).current?.value);
  const container = $('#funnel');
  if (!shares.some(Number.isFinite)) return draw(container, null);
  const values = shares.map((v) => (Number.isFinite(v) ? v : 0));
  const widest = Math.max(...values, 0.0001);
  const labels = STAGES.map((s) => STAGE_LABELS[s]);
  return draw(container, {
    animationDuration: 500,
    grid: { left: 8, right: 8, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', show: false, max: widest },
    yAxis: [
      { type: 'category', data: labels, inverse: true, axisLine: { show: false }, axisTick: { show: false },
        axisLabel: axisLabel(15) },
      { type: 'category', data: values.map((v) => formatValue('ratio', v)), inverse: true, position: 'right',
        axisLine: { show: false }, axisTick: { show: false }, axisLabel: { ...axisLabel(15), color: COLORS.text, fontWeight: 600 } },
    ],
    tooltip: tooltip((p) => `${p.name}: <b>${formatValue('ratio', p.value)}</b>`),
    series: [
      { type: 'bar', stack: 'funnel', silent: true, itemStyle: { color: 'transparent' },
        data: values.map((v) => (widest - v) / 2), tooltip: { show: false } },
      { type: 'bar', stack: 'funnel', barCategoryGap: '22%',
        data: values.map((v, i) => ({ value: v, itemStyle: { color: COLORS.stages[i], borderRadius: 4 } })) },
    ],
  });
}

function bandColor(index, count) {
  const palette = COLORS.bands;
  return palette[Math.round((index / Math.max(1, count - 1)) * (palette.length - 1))];
}

async function refreshDistribution() {
  const scope = snapshot(...SCOPE_FILTERS);
  const answer = await api(`api/distributions/first-response?${query(scope)}`);
  if (!isCurrent(scope)) return;
  const bands = answer.bands ?? [];
  const container = $('#response-distribution');
  const total = bands.reduce((sum, b) => sum + (b.leads ?? 0), 0);
  if (!bands.length || total === 0) return draw(container, null);
  return draw(container, {
    animationDuration: 500,
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: bands.map((b) => b.label), axisLabel: { ...axisLabel(13), interval: 0, lineHeight: 16, formatter: twoLines },
      axisLine: { lineStyle: { color: COLORS.grid } }, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisLabel(12), splitLine: { lineStyle: { color: COLORS.grid } } },
    tooltip: tooltip((p) => `${p.name}: <b>${p.value}</b> leads (${((100 * p.value) / total).toFixed(0)}%)`),
    series: [{
      type: 'bar', barWidth: '62%',
      label: { show: true, position: 'top', color: COLORS.text, fontSize: 15, fontWeight: 600 },
      data: bands.map((b, i) => ({ value: b.leads ?? 0, itemStyle: { color: bandColor(i, bands.length), borderRadius: [4, 4, 0, 0] } })),
    }],
  });
}

// ---------------------------------------------------------------------------------------------
// Leaderboard
// ---------------------------------------------------------------------------------------------

async function refreshLeaderboard() {
  const filters = snapshot('window', 'team', 'leaderboard');
  const { window, team, leaderboard } = filters;
  const { order } = leaderboardInfo(leaderboard);
  const answer = await api(`api/kpis/${encodeURIComponent(leaderboard)}/leaderboard?${query({
    dimension: 'rep', window, team, order, limit: LEADERBOARD_LIMIT })}`);
  if (!isCurrent(filters)) return;
  renderLeaderboard(answer);
}

function renderLeaderboard(answer) {
  const entries = answer.entries ?? [];
  const widest = Math.max(...entries.map((e) => Math.abs(e.value ?? 0)), 0);
  $('#leaderboard tbody').replaceChildren(...entries.map((entry) => {
    const share = widest > 0 && Number.isFinite(entry.value) ? Math.abs(entry.value) / widest : 0;
    return h('tr', { 'data-member': entry.member, 'data-rank': entry.rank, 'data-has-value': String(Number.isFinite(entry.value)) },
      h('td', { class: 'rank' }, h('span', { class: 'rank-badge' }, String(entry.rank))),
      h('td', { class: 'rep' }, entry.name ?? state.roster.get(entry.member)?.name ?? entry.member,
        h('small', {}, entry.member)),
      h('td', { class: 'team' }, entry.team ?? '—'),
      h('td', { class: 'num value', style: `--share: ${(share * 100).toFixed(1)}%` },
        formatValue(answer.unit, entry.value)));
  }));
  $('#leaderboard').parentElement.querySelector('.table-empty').hidden = entries.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Open SLA alerts, with waiting times ticking every second
// ---------------------------------------------------------------------------------------------

const STATUS_LABELS = { AT_RISK: 'At risk', BREACHED: 'Breached', ESCALATED: 'Escalated' };

async function refreshAlerts() {
  const filters = snapshot('dimension', 'value');
  const { dimension, value } = filters;
  const scope = dimension === 'team' ? { team: value } : dimension === 'region' ? { region: value } : {};
  const answer = await api(`api/alerts?${query({ status: 'open', ...scope })}`);
  if (!isCurrent(filters)) return;
  noteServerTime(answer.asOf);
  renderAlerts(answer.alerts ?? []);
}

function renderAlerts(alerts) {
  const { dimension } = state.filters;
  $('#sla-count').textContent = String(alerts.length);
  $('#sla-count').dataset.count = String(alerts.length);
  $('#sla-sub').textContent = dimension === 'channel'
    ? 'all channels (SLA clocks are per team and region), longest wait first'
    : 'leads waiting for a first response, longest wait first';
  $('#sla-breaches tbody').replaceChildren(...alerts.slice(0, ALERT_ROWS).map((alert) => h('tr',
    { 'data-lead-id': alert.leadId, 'data-status': alert.status },
    h('td', {}, h('span', { class: 'badge', 'data-status': alert.status }, STATUS_LABELS[alert.status] ?? alert.status)),
    h('td', { class: 'lead' }, alert.leadId),
    h('td', {}, state.roster.get(alert.repId)?.name ?? alert.repId ?? '—'),
    h('td', {}, alert.team ?? '—'),
    h('td', {}, alert.region ?? '—'),
    h('td', { class: 'policy' }, alert.policy ?? '—'),
    h('td', { class: 'num waiting', 'data-created-at': alert.createdAt }),
    h('td', { class: 'num deadline', 'data-deadline': alert.deadline }))));
  const more = alerts.length - ALERT_ROWS;
  const note = $('#sla-breaches').parentElement.querySelector('.table-empty');
  note.textContent = alerts.length ? `… and ${more} more` : 'No open SLA alerts. Every lead is being answered in time.';
  note.hidden = alerts.length > 0 && more <= 0;
  tickClocks();
}

function tickClocks() {
  const now = serverNow();
  for (const cell of document.querySelectorAll('#sla-breaches [data-created-at]')) {
    cell.textContent = formatWait((now - Date.parse(cell.dataset.createdAt)) / 1000);
  }
  for (const cell of document.querySelectorAll('#sla-breaches [data-deadline]')) {
    const seconds = (now - Date.parse(cell.dataset.deadline)) / 1000;
    if (!Number.isFinite(seconds)) cell.textContent = '—';
    else cell.textContent = seconds >= 0 ? formatWait(seconds) : `due in ${formatWait(-seconds)}`;
    cell.dataset.overdue = String(seconds >= 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Live stream
// ---------------------------------------------------------------------------------------------

const stream = { source: null, url: '', retryMs: 1000, connectedOnce: false };

function setConnection(connectionState) {
  const node = $('#connection');
  node.dataset.state = connectionState;
  node.textContent = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting…' }[connectionState];
}

function streamUrl() {
  const { dimension, value, window, leaderboard } = state.filters;
  const kpis = [...new Set([...SERIES_KPIS, leaderboard])].join(',');
  const token = storedToken();
  return `api/stream?types=kpi,alert&${query({ kpi: kpis, dimension, value, window, access_token: token })}`;
}

function connectStream() {
  const url = streamUrl();
  if (stream.source && stream.url === url && stream.source.readyState !== EventSource.CLOSED) return;
  stream.source?.close();
  stream.url = url;
  const source = new EventSource(url);
  stream.source = source;
  setConnection(stream.connectedOnce ? 'reconnecting' : 'connecting');
  source.addEventListener('open', () => {
    setConnection('live');
    stream.retryMs = 1000;
    if (stream.connectedOnce) refreshData(); // catch up with what happened while disconnected
    stream.connectedOnce = true;
  });
  source.addEventListener('kpi', (event) => onStreamEvent(() => applyChange(JSON.parse(event.data))));
  source.addEventListener('alert', (event) => onStreamEvent(liveRefresh.alerts));
  source.addEventListener('error', () => {
    if (source !== stream.source) return;
    setConnection('reconnecting');
    if (source.readyState === EventSource.CLOSED) reconnectLater(source);
  });
}

function onStreamEvent(handle) {
  document.body.dataset.live = 'true';
  markUpdated();
  try {
    handle();
  } catch (error) {
    console.warn('SalesPulse: bad stream event', error);
  }
}

/** The browser gave up (an HTTP error such as 401 or 503): ask the API why, then reconnect. */
async function reconnectLater(source) {
  await sleep(stream.retryMs);
  stream.retryMs = Math.min(stream.retryMs * 2, POLL_MS);
  try {
    await api('api/roster'); // lets api() ask for a token or wait out Retry-After
  } catch (error) {
    console.warn('SalesPulse: stream probe failed', error);
  }
  if (source === stream.source && !auth.declined) connectStream();
}

// ---------------------------------------------------------------------------------------------
// Refreshing
// ---------------------------------------------------------------------------------------------

/** Runs a part's refresh; a failure shows as data-error on `target` and in the console. */
function guarded(target, refresh) {
  return coalesced(async () => {
    const node = $(target);
    try {
      await refresh();
      delete node.dataset.error;
    } catch (error) {
      node.dataset.error = error.message;
      console.warn(`SalesPulse: ${target} refresh failed:`, error.message);
    }
  });
}

const refresh = {
  options: guarded('#filters', refreshScopeOptions),
  series: guarded('#tiles', refreshSeries),
  distribution: guarded('.panel-distribution', refreshDistribution),
  leaderboard: guarded('.panel-leaderboard', refreshLeaderboard),
  alerts: guarded('.panel-sla', refreshAlerts),
};

/** What the stream's events set off, each at most every LIVE_REFRESH_MS. */
const liveRefresh = {
  charts: throttled(drawSeriesCharts, LIVE_REFRESH_MS),
  distribution: throttled(refresh.distribution, LIVE_REFRESH_MS),
  leaderboard: throttled(refresh.leaderboard, LIVE_REFRESH_MS),
  alerts: throttled(refresh.alerts, LIVE_REFRESH_MS),
};

function refreshData() {
  return Promise.all([refresh.series(), refresh.distribution(), refresh.leaderboard(), refresh.alerts()]);
}

function refreshAll() {
  return Promise.all([refresh.options(), refreshData()]);
}

/** The roster first (names for the tables; one token prompt or 503 wait instead of many), then the rest. */
async function restart() {
  await refresh.options();
  await refreshData();
  connectStream();
}

function start() {
  if (typeof echarts === 'undefined') {
    showBanner('error', 'Charts library missing (/webjars/echarts/5.3.1/dist/echarts.min.js).');
    return;
  }
  resetSeries();
  buildTiles();
  renderFilterControls();
  bindFilterControls();
  writeFilters();
  restart();
  setInterval(refreshAll, POLL_MS);
  setInterval(tickClocks, 1000);
}

start();
