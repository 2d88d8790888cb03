// Uses the dashboard in Debian's chromium as a person would: enters the keys when the page asks, waits for the
// cluster's nodes, uploads documents through the form, follows them to their end, opens a result, and saves a
// screenshot. DashboardIT runs it against a real cluster and reads its output; any failure exits non-zero.
//
// node dashboard.mjs <base URL> <API key> <operator key> <document> <broken document> <screenshot.png> <node id>...
import { chromium } from 'playwright-core';

const [baseUrl, apiKey, operatorKey, documentFile, brokenFile, screenshot, ...nodeIds] = process.argv.slice(2);
if (nodeIds.length === 0) {
  console.error('usage: node dashboard.mjs <base URL> <API key> <operator key> <document> <broken document> '
    + '<screenshot.png> <node id>...');
  process.exit(2);
}

/** Long enough for a job's first parse, which starts a parser JVM on a busy machine. */
const STEP_MS = 60000;
const TERMINAL = ['completed', 'failed', 'cancelled'];
/** Each kind once: a policy violation repeats on every refresh. */
const problems = new Set();

function watch(page) {
  page.on('pageerror', (error) => problems.add(`uncaught error in the page: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') {
      return;
    }
    // Chromium logs every 401 or 403 the page's data calls get before it has the right key; that is how the page
    // learns to ask.
    if (message.text().includes('status of 401') || message.text().includes('status of 403')) {
      return;
    }
    problems.add(`console error: ${message.text()}`);
  });
}

/**
 * Answers the page's prompts, in whichever order it asks, until it has both keys: each kind is first answered with a
 * wrong key (for the API key a made-up one; for the operator key the API key, a tenant key, which the cluster view
 * refuses with 403), which the page must refuse and ask again for, and then with the right one.
 */
async function enterKeys(page) {
  const form = page.locator('#key-form');
  const answered = {};
  while (Object.values(answered).filter((given) => given === 'right').length < 2) {
    await form.waitFor({ state: 'visible' });
    const kind = await form.getAttribute('data-kind');
    const reason = await page.locator('#key-reason').textContent();
    if (answered[kind] === 'right') {
      throw new Error(`the page asked for the ${kind} key again after the right one: ${reason}`);
    }
    if (answered[kind] === undefined) {
      console.log(`asked for the ${kind} key: ${reason}`);
      await page.fill('#key-input', kind === 'tenant' ? `not-${apiKey}` : apiKey);
      answered[kind] = 'wrong';
    } else {
      if (!reason.includes('not accepted')) {
        throw new Error(`the page asked for the ${kind} key again without saying the first was refused: ${reason}`);
      }
      console.log(`asked again after a wrong ${kind} key: ${reason}`);
      await page.fill('#key-input', kind === 'tenant' ? apiKey : operatorKey);
      answered[kind] = 'right';
    }
    await page.click('#key-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('key-input').value === '');
  }
}

async function awaitNodes(page) {
  for (const id of nodeIds) {
    await page.locator('#nodes').getByRole('cell', { name: id, exact: true }).waitFor();
    console.log(`node listed: ${id}`);
  }
}

/** Submits a file through the form and waits until the page shows its job ended. */
async function upload(page, file, format) {
  const name = file.split('/').pop();
  await page.setInputFiles('#upload-file', file);
  await page.selectOption('#upload-format', format);
  await page.click('#upload button[type=submit]');
  const line = page.locator('#uploads li').filter({ has: page.locator('.filename', { hasText: name }) });
  await page.waitForFunction(
    ({ name, terminal }) => [...document.querySelectorAll('#uploads li')]
      .some((li) => li.querySelector('.filename')?.textContent === name && terminal.includes(li.dataset.status)),
    { name, terminal: TERMINAL }, { timeout: STEP_MS });
  const ended = { jobId: await line.getAttribute('data-job-id'), status: await line.getAttribute('data-status') };
  console.log(`upload ${name}: job ${ended.jobId} ${ended.status} (${(await line.textContent()).trim()})`);
  return { ...ended, line };
}

async function awaitJobListed(page, job) {
  const status = page.locator(`#jobs tr[data-job-id="${job.jobId}"] td.status`);
  await page.waitForFunction(
    ({ id, wanted }) => document.querySelector(`#jobs tr[data-job-id="${id}"] td.status`)?.textContent === wanted,
    { id: job.jobId, wanted: job.status }, { timeout: STEP_MS });
  console.log(`latest jobs list ${job.jobId} as ${await status.textContent()}`);
}

async function openResult(page, job) {
  await job.line.locator('a.result-link').click();
  await page.waitForFunction(() => document.getElementById('result-text').textContent.length > 0,
    null, { timeout: STEP_MS });
  const text = await page.locator('#result-text').textContent();
  console.log(`result: ${text.replace(/\s+/g, ' ').trim().slice(0, 300)}`);
}

/** The charts' captions carry the highest rate they show; one completed and one failed job must both register. */
async function awaitRates(page) {
  for (const id of ['completed-rate', 'failed-rate']) {
    await page.waitForFunction((caption) => Number(document.getElementById(caption).dataset.max) > 0, id,
      { timeout: STEP_MS });
    console.log(`${id}: ${await page.locator(`#${id}`).textContent()}`);
  }
}

async function run(page) {
  const response = await page.goto(`${baseUrl}/dashboard`);
  if (response.status() !== 200) {
    throw new Error(`/dashboard answered ${response.status()}`);
  }
  await enterKeys(page);
  await awaitNodes(page);

  const parsed = await upload(page, documentFile, 'markdown');
  if (parsed.status !== 'completed') {
    throw new Error(`${documentFile} ended ${parsed.status}, not completed`);
  }
  await awaitJobListed(page, parsed);
  const broken = await upload(page, brokenFile, 'text');
  if (broken.status !== 'failed') {
    throw new Error(`${brokenFile} ended ${broken.status}, not failed`);
  }
  await awaitJobListed(page, broken);
  await openResult(page, parsed);
  await awaitRates(page);
  if (await page.locator('#key-form').isVisible()) {
    throw new Error('the page asked for a key again although it had a good one');
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  await page.reload();
  await awaitNodes(page);
  if (await page.locator('#key-form').isVisible()) {
    throw new Error('after a reload the page asked for the key again');
  }
  console.log('after a reload the key was still known');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // chromium's sandbox refuses to start as root, which is how CI runs
  args: process.getuid() === 0 ? ['--no-sandbox'] : [],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(STEP_MS);
  watch(page);
  try {
    await run(page);
  } catch (error) {
    failed = true;
    console.log(`FAILED: ${error.message}`);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
}
for (const problem of problems) {
  console.log(`PROBLEM: ${problem}`);
}
process.exit(failed || problems.size > 0 ? 1 : 0);
