// Drives a served preview in headless Chromium for tests/serve/test_browser.py.
// usage: node live_page.js URL EXPECTED_TITLE [SHOT_PREFIX]
// Prints one JSON line when the page is open and scrolled ({"ready": scrollY}), then, once the
// page has reloaded by itself and shows EXPECTED_TITLE, one more ({"reloaded": ..., "scrollY": ...,
// "errors": [...]}); then waits for the problems panel (the test breaks the map) and prints a last one.
const { chromium } = require('playwright-core');
const fs = require('fs'), os = require('os'), path = require('path');

const [url, expected, shots] = process.argv.slice(2);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const say = (value) => process.stdout.write(JSON.stringify(value) + '\n');

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cjm-serve-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  const errors = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => window.scrollTo(0, 900));
    await page.waitForTimeout(300);  // the EventSource connected, the scroll settled
    const before = await page.evaluate(() => window.scrollY);
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    say({ ready: before, loads });
    await page.waitForFunction((title) => document.title.includes(title), expected, { timeout: 15000 });
    await page.waitForTimeout(200);  // the scroll restored after the reload
    const scrollY = await page.evaluate(() => window.scrollY);
    if (shots) await page.screenshot({ path: `${shots}-reloaded.png` });
    say({ reloaded: true, scrollY, errors });
    await page.waitForSelector('.cjm-serve-problems', { timeout: 15000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    if (shots) await page.screenshot({ path: `${shots}-problems.png`, fullPage: false });
    const problems = await page.$$eval('.cjm-serve-problems code', (codes) => codes.map((code) => code.textContent));
    const kept = await page.evaluate(() => document.title);
    say({ problems, title: kept, errors });
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((error) => { console.error(String(error)); process.exit(2); });
