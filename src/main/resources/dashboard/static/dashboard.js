'use strict';
// The dashboard polls the service's JSON endpoints and draws what they answer. It must run under the policy
// "default-src 'self'", so it builds every element itself (no inline script or style, no HTML from strings: file
// names and error messages are data, never markup).

const POLL_MS = 2000;
/** How far back the charts reach. */
const CHART_WINDOW_S = 300;
/**
 * Rates are averaged over this much time: nodes refresh their counters every 2 s and the page polls every 2 s, so
 * the rate over one interval would swing between nothing and twice the truth.
 */
const RATE_WINDOW_S = 10;
const LONG_POLL_S = 20;
/**
 * The page needs two kinds of key on a node with keys: a tenant key for the jobs (listing, uploading) and an operator
 * key for the cluster's state. Each is kept apart; the operator key may be skipped, which leaves the cluster view
 * empty.
 */
const KEY_STORAGE = { tenant: 'docparser.apiKey', operator: 'docparser.operatorKey' };
const KEY_TITLES = { tenant: 'API key', operator: 'Operator key' };
const SKIPPED = 'skipped';
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
/** Enough to read; a browser tab slows down on a result of many megabytes. */
const RESULT_SHOWN_CHARS = 200000;

const $ = (id) => document.getElementById(id);

// ---- API calls, with the key the page asked for -----------------------------------------------------------------

let keyPrompt = Promise.resolve();

/**
 * Waits for the person to enter a key of the given kind. Prompts come one at a time; a call whose key was replaced
 * while it was under way just tries again with the new one.
 */
function askForKey(kind, reason, sentKey) {
  keyPrompt = keyPrompt.then(() => {
    const stored = sessionStorage.getItem(KEY_STORAGE[kind]);
    if (stored !== null && stored !== sentKey) {
      return undefined;
    }
    sessionStorage.removeItem(KEY_STORAGE[kind]);
    return showKeyForm(kind, reason, sentKey);
  });
  return keyPrompt;
}

function showKeyForm(kind, reason, sentKey) {
  return new Promise((resolve) => {
    const form = $('key-form');
    form.dataset.kind = kind;
    $('key-title').textContent = KEY_TITLES[kind];
    $('key-reason').textContent = sentKey
      ? `That key was not accepted (${reason}). Enter another one.`
      : kind === 'operator'
        ? 'The cluster view needs an operator key. Enter one, or skip to see your jobs only.'
        : 'This service needs an API key to show its data.';
    $('key-skip').hidden = kind !== 'operator';
    form.hidden = false;
    $('key-input').focus();
    const done = (key) => {
      sessionStorage.setItem(KEY_STORAGE[kind], key);
      $('key-input').value = '';
      form.hidden = true;
      form.removeEventListener('submit', entered);
      $('key-skip').removeEventListener('click', skipped);
      resolve();
    };
    const entered = (event) => {
      event.preventDefault();
      done($('key-input').value.trim());
    };
    const skipped = () => done(SKIPPED);
    form.addEventListener('submit', entered);
    $('key-skip').addEventListener('click', skipped);
  });
}

/** A call with the stored key of the kind the endpoint takes; a refused key (401, 403) is asked for again. */
async function call(path, kind, init = {}) {
  for (;;) {
    const key = sessionStorage.getItem(KEY_STORAGE[kind]);
    const headers = new Headers(init.headers);
    if (key && key !== SKIPPED) {
      headers.set('X-API-Key', key);
    }
    const response = await fetch(path, { ...init, headers });
    if ((response.status !== 401 && response.status !== 403) || key === SKIPPED) {
      return response;
    }
    await askForKey(kind, await problem(response), key);
  }
}

async function problem(response) {
  const body = await response.json().catch(() => null);
  return body && body.error ? `${body.error_code}: ${body.error}` : `HTTP ${response.status}`;
}

async function getJson(path, kind) {
  const response = await call(path, kind);
  if (!response.ok) {
    throw new Error(await problem(response));
  }
  return response.json();
}

// ---- Rates, from the nodes' own counters --------------------------------------------------------------------------

/**
 * Jobs completed and failed per second, from the per-node counters of successive /cluster answers. Counters are
 * compared node by node, so a node that leaves takes nothing away, one that restarts (a new started_at) counts from
 * zero again, and one first seen only sets its starting point.
 */
class Rates {
  constructor() {
    this.lastSeen = new Map();
    this.totals = { completed: 0, failed: 0 };
    this.samples = [];
  }

  add(seconds, nodes) {
    for (const node of nodes) {
      const before = this.lastSeen.get(node.node_id);
      if (before) {
        this.totals.completed += Rates.increase(before, node, 'completed');
        this.totals.failed += Rates.increase(before, node, 'failed');
      }
      this.lastSeen.set(node.node_id, node);
    }
    this.samples.push({ t: seconds, ...this.totals });
    const oldest = seconds - CHART_WINDOW_S - RATE_WINDOW_S;
    while (this.samples.length > 0 && this.samples[0].t < oldest) {
      this.samples.shift();
    }
  }

  static increase(before, now, counter) {
    if (before.started_at !== now.started_at) {
      return now[counter];
    }
    return Math.max(0, now[counter] - before[counter]);
  }

  /** [times, per-second rates] over the chart's window, for uPlot. */
  series(counter) {
    const times = [];
    const rates = [];
    const from = this.samples.length ? this.samples[this.samples.length - 1].t - CHART_WINDOW_S : 0;
    for (let i = 1; i < this.samples.length; i++) {
      const now = this.samples[i];
      if (now.t < from) {
        continue;
      }
      let j = i - 1;
      while (j > 0 && now.t - this.samples[j - 1].t <= RATE_WINDOW_S) {
        j--;
      }
      const then = this.samples[j];
      times.push(now.t);
      rates.push((now[counter] - then[counter]) / (now.t - then.t));
    }
    return [times, rates];
  }
}

// ---- Charts -------------------------------------------------------------------------------------------------------

const CHART_HEIGHT = 160;

class RateChart {
  constructor(counter, label, color, target, caption) {
    this.counter = counter;
    this.target = target;
    this.caption = caption;
    this.plot = new uPlot({
      width: RateChart.width(target),
      height: CHART_HEIGHT,
      legend: { show: false },
      scales: {
        x: { time: true, range: RateChart.lastMinutes },
        y: { range: (plot, min, max) => [0, Math.max(1, max * 1.1)] },
      },
      axes: [{ space: 72, values: (plot, ticks) => ticks.map((tick) => clock(new Date(tick * 1000))) },
        { size: 48 }],
      series: [{}, { label, stroke: color, fill: `${color}33`, width: 2 }],
    }, [[], []], target);
  }

  /** The whole window from the start, so that the time axis does not stretch the first few seconds across it. */
  static lastMinutes(plot, min, max) {
    const end = max ?? Date.now() / 1000;
    return [end - CHART_WINDOW_S, end];
  }

  static width(target) {
    return Math.max(240, target.clientWidth);
  }

  draw(rates) {
    const data = rates.series(this.counter);
    this.plot.setData(data);
    const values = data[1];
    const now = values.length ? values[values.length - 1] : 0;
    const max = values.length ? Math.max(...values) : 0;
    this.caption.textContent = `now ${now.toFixed(2)}/s, max ${max.toFixed(2)}/s over ${CHART_WINDOW_S / 60} min`;
    this.caption.dataset.max = String(max);
  }

  resize() {
    this.plot.setSize({ width: RateChart.width(this.target), height: CHART_HEIGHT });
  }
}

// ---- Rendering ----------------------------------------------------------------------------------------------------

function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined && text !== null) {
    made.textContent = String(text);
  }
  if (className) {
    made.className = className;
  }
  return made;
}

function row(cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

/** HH:MM:SS in the browser's time zone, of an ISO time or a Date. */
function clock(time) {
  if (!time) {
    return '–';
  }
  const at = new Date(time);
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function timeCell(iso) {
  const cell = element('td', clock(iso), 'time');
  if (iso) {
    cell.title = iso;
  }
  return cell;
}

function bytes(count) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function renderCluster(cluster) {
  $('queue-depth').textContent = cluster.queue_depth;
  $('queue-bytes').textContent = bytes(cluster.queue_bytes);
  for (const status of ['processing', 'completed', 'failed']) {
    $(`jobs-${status}`).textContent = cluster.jobs[status] || 0;
  }
  $('nodes').tBodies[0].replaceChildren(...cluster.nodes.map((node) => row([
    element('td', node.node_id, 'node-id'),
    element('td', node.roles.join(', ')),
    element('td', node.slots > 0 ? `${node.busy} / ${node.slots}` : 'no slots', node.busy > 0 ? 'busy' : ''),
    element('td', node.draining ? 'draining' : 'no', node.draining ? 'warn' : ''),
    element('td', node.completed, 'number'),
    element('td', node.failed, 'number'),
    timeCell(node.started_at),
  ])));
}

function statusCell(status) {
  return element('td', status, `status status-${status}`);
}

function resultLink(job) {
  const link = element('a', 'result', 'result-link');
  link.href = `/result/${encodeURIComponent(job.job_id)}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    showResult(job);
  });
  return link;
}

function renderJobs(jobs) {
  $('jobs').tBodies[0].replaceChildren(...jobs.map((job) => {
    const id = element('td', job.job_id.slice(0, 8), 'job-id');
    id.title = job.job_id;
    const action = element('td');
    if (job.status === 'completed') {
      action.append(resultLink(job));
    }
    const tr = row([id, statusCell(job.status), element('td', job.filename || '–'), element('td', job.output_format),
      element('td', job.node || '–'), timeCell(job.created_at), timeCell(job.started_at), timeCell(job.finished_at),
      element('td', job.error_code ? `${job.error_code}: ${job.error}` : '', 'error'), action]);
    tr.dataset.jobId = job.job_id;
    return tr;
  }));
}

async function showResult(job) {
  const panel = $('result-panel');
  panel.hidden = false;
  $('result-title').textContent = `Result of ${job.filename || job.job_id}`;
  $('result-note').textContent = 'loading…';
  $('result-text').textContent = '';
  try {
    const answer = await getJson(`/result/${encodeURIComponent(job.job_id)}`, 'tenant');
    const text = typeof answer.result === 'string' ? answer.result : JSON.stringify(answer.result, null, 2);
    const notes = [answer.content_type, `as ${answer.output_format}`];
    if (answer.truncated) {
      notes.push('cut at the service\'s limit');
    }
    if (text.length > RESULT_SHOWN_CHARS) {
      notes.push(`first ${RESULT_SHOWN_CHARS} of ${text.length} characters shown`);
    }
    $('result-note').textContent = notes.join(', ');
    $('result-text').textContent = text.slice(0, RESULT_SHOWN_CHARS);
  } catch (error) {
    $('result-note').textContent = `no result: ${error.message}`;
  }
  panel.scrollIntoView({ behavior: 'smooth' });
}

// ---- Submitting a document and following its job ------------------------------------------------------------------

function showUpload(line, job, filename) {
  line.dataset.jobId = job.job_id;
  line.dataset.status = job.status;
  line.replaceChildren(element('span', filename, 'filename'), ' ', element('span', job.status,
    `status status-${job.status}`), ' ', element('span', `job ${job.job_id}`, 'job-id'));
  if (job.status === 'completed') {
    line.append(' ', resultLink({ ...job, filename }));
  } else if (job.error_code) {
    line.append(' ', element('span', `${job.error_code}: ${job.error}`, 'error'));
  }
}

async function follow(line, jobId, filename) {
  for (;;) {
    const job = await getJson(`/status/${encodeURIComponent(jobId)}?wait=${LONG_POLL_S}`, 'tenant');
    showUpload(line, job, filename);
    if (TERMINAL.has(job.status)) {
      return;
    }
  }
}

async function submit(event) {
  event.preventDefault();
  const file = $('upload-file').files[0];
  if (!file) {
    return;
  }
  const line = element('li', `${file.name}: sending…`);
  $('uploads').prepend(line);
  const body = new FormData();
  body.append('output_format', $('upload-format').value);
  body.append('file', file, file.name);
  try {
    const response = await call('/submit', 'tenant', { method: 'POST', body });
    if (response.status !== 202) {
      throw new Error(await problem(response));
    }
    const accepted = await response.json();
    showUpload(line, accepted, file.name);
    $('upload').reset();
    await follow(line, accepted.job_id, file.name);
  } catch (error) {
    line.replaceChildren(element('span', file.name, 'filename'), ' ', element('span', error.message, 'error'));
  }
}

// ---- Polling ------------------------------------------------------------------------------------------------------

function setConnection(text, failing) {
  const line = $('connection');
  line.textContent = text;
  line.classList.toggle('failing', failing);
}

function start() {
  const rates = new Rates();
  const charts = [
    new RateChart('completed', 'completed/s', '#2f7d32', $('completed-chart'), $('completed-rate')),
    new RateChart('failed', 'failed/s', '#c62828', $('failed-chart'), $('failed-rate')),
  ];
  window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
  $('upload').addEventListener('submit', submit);

  async function refresh() {
    const [cluster, page] = await Promise.allSettled([getJson('/cluster', 'operator'),
      getJson('/jobs?limit=20', 'tenant')]);
    const problems = [];
    if (cluster.status === 'fulfilled') {
      rates.add(Date.now() / 1000, cluster.value.nodes);
      renderCluster(cluster.value);
      charts.forEach((chart) => chart.draw(rates));
    } else {
      problems.push(`cluster view: ${cluster.reason.message}`);
    }
    if (page.status === 'fulfilled') {
      renderJobs(page.value.jobs);
    } else {
      problems.push(`jobs: ${page.reason.message}`);
    }
    if (problems.length === 0) {
      const count = cluster.value.nodes.length;
      setConnection(`live: ${count === 1 ? '1 node' : `${count} nodes`}, updated ${clock(new Date())}`, false);
    } else {
      setConnection(`not updated: ${problems.join('; ')}`, true);
    }
    setTimeout(refresh, POLL_MS);
  }
  refresh();
}

start();
