// Live reload and the error overlay in a real browser, against a running `mentorbook serve`.
// The script edits the page's source file itself:
//   node serve.mjs BASE_URL PAGE_PATH SOURCE_FILE
// 1. an edit reloads the page once and the new text shows;
// 2. a broken edit (a `date:` that is no date) shows the overlay, naming the file and line,
//    without reloading, and the overlay passes axe;
// 3. fixing it reloads the page and the overlay is gone.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { run, check, eventually, axeViolations } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// While the page reloads, evaluating in it throws: that counts as "not yet".
const settled = (fn) => async () => { try { return await fn(); } catch { return false; } };

run(async ({ context, base, args }) => {
  const [path, source] = args;
  const original = readFileSync(source, 'utf8');
  const page = await context.newPage();
  let loads = 0;
  page.on('load', () => { loads += 1; });
  const socket = page.waitForEvent('websocket');
  await page.goto(base + path, { waitUntil: 'load' });
  check((await socket).url().endsWith('/__mentorbook/ws'), 'the page opened no reload WebSocket');
  await sleep(300); // let the WebSocket handshake finish before the first edit

  // 1. A good edit: one reload, new text.
  await page.evaluate(() => { window.__before = true; });
  const edited = original + '\nReloaded by the browser test.\n';
  writeFileSync(source, edited);
  await eventually(settled(async () => (await page.content()).includes('Reloaded by the browser test.')),
    'the edit never showed in the page', 10000);
  check(await page.evaluate(() => window.__before === undefined), 'the page changed without a reload');
  await sleep(500);
  check(loads === 2, `expected exactly one reload after one edit, saw ${loads - 1}`);

  // 2. A broken edit: the overlay names file and line; the page stays as it was.
  await page.evaluate(() => { window.__before = true; });
  const lines = edited.split('\n');
  const dateLine = lines.findIndex((l) => l.startsWith('date:'));
  check(dateLine > 0, 'the source has no date: line to break');
  lines[dateLine] = 'date: someday';
  writeFileSync(source, lines.join('\n'));
  const overlay = page.locator('#__mentorbook-overlay[role="alert"]');
  await overlay.waitFor({ state: 'visible', timeout: 10000 });
  const text = await overlay.innerText();
  check(text.includes(`${basename(source)}:${dateLine + 1}:`), `the overlay does not name file and line: ${text}`);
  check(text.includes('date'), `the overlay does not say what is wrong: ${text}`);
  check(await page.evaluate(() => window.__before === true), 'a failed build reloaded the page');
  const violations = (await axeViolations(page)).filter((v) => v.nodes.some((n) => n.includes('__mentorbook')));
  check(violations.length === 0, `the overlay has accessibility problems: ${JSON.stringify(violations)}`);

  // 3. The fix: reload, no overlay.
  writeFileSync(source, edited);
  await eventually(settled(() => page.evaluate(() => window.__before === undefined)),
    'the fixed build did not reload the page', 10000);
  await page.waitForLoadState('load');
  check(await overlay.count() === 0, 'the overlay stayed after a good build');
  console.log('serve: reload after an edit, overlay after a broken edit, cleared after the fix');
});
