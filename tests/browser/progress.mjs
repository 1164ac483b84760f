// Checklists that feel done, in a real browser: a ticked item is struck through, the bar and the
// completed state follow the ticks, Reset can be undone, the role switch (remembered) filters
// /checklists/ and the playbook's progress, and progress exported to a file imports back.
//   node progress.mjs BASE_URL

import { run, check, eventually, axeViolations } from './lib.mjs';
import { readFileSync } from 'node:fs';

run(async ({ context, base }) => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + '/mentors/first-meeting/', { waitUntil: 'load' });
  const form = page.locator('form.checklist').first();
  const boxes = form.locator('input[type=checkbox]');
  const n = await boxes.count();
  const size = await boxes.first().boundingBox();
  check(size.width >= 24 && size.height >= 24, `checkboxes are ${size.width}x${size.height} px`);
  await boxes.first().check();
  const deco = await form.locator('li label').first().evaluate((l) => getComputedStyle(l).textDecorationLine);
  check(deco.includes('line-through'), 'a ticked item does not look done');
  for (let i = 1; i < n; i++) await boxes.nth(i).check();
  check(await form.evaluate((f) => f.classList.contains('is-complete')), 'a finished checklist is not complete');
  check(await form.locator('.checklist-complete').isVisible(), 'no completed state shown');
  check((await form.locator('.checklist-bar').evaluate((b) => b.value)) === n, 'the bar does not follow the ticks');
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const v = await axeViolations(page);
    check(v.length === 0, `axe (${colorScheme}, ticked): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);
  }

  // Reset, then undo.
  await form.locator('button[type=reset]').click();
  await eventually(() => form.locator('.checklist-undo').isVisible(), 'no undo after reset');
  check((await form.locator('input:checked').count()) === 0, 'reset left ticks');
  await form.locator('.checklist-undo').click();
  check((await form.locator('input:checked').count()) === n, 'undo did not bring the ticks back');
  await page.reload({ waitUntil: 'load' });
  check((await page.locator('form.checklist').first().locator('input:checked').count()) === n, 'undone ticks were not saved');

  // Export, clear, import.
  await page.goto(base + '/checklists/', { waitUntil: 'load' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export"]').click()]);
  const file = await download.path();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  check(Object.values(data.ticks).filter((v) => v === '1').length === n, `the export holds ${JSON.stringify(data.ticks)}`);
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('mentorbook:')) localStorage.removeItem(k); });
  await page.locator('#progress-import').setInputFiles(file);
  await eventually(async () => /\d/.test(await page.locator('.progress-transfer-status').innerText()), 'import says nothing');
  await page.goto(base + '/mentors/first-meeting/', { waitUntil: 'load' });
  check((await page.locator('form.checklist').first().locator('input:checked').count()) === n, 'import did not restore the ticks');

  // Role switch: remembered, filters /checklists/ and the playbook's progress.
  await page.goto(base + '/checklists/', { waitUntil: 'load' });
  await page.selectOption('#role-switch', 'mentee');
  check(!(await page.locator('.checklist-group[data-role="mentor"]').isVisible()), 'mentor checklists still shown to a mentee');
  check(await page.locator('.checklist-group[data-role="mentee"]').isVisible(), 'mentee checklists hidden');
  await page.goto(base + '/program/', { waitUntil: 'load' });
  check((await page.inputValue('#role-switch')) === 'mentee', 'the role is not remembered');
  const menteeTotal = await page.locator('.playbook progress').evaluate((b) => b.max);
  await page.selectOption('#role-switch', '');
  const allTotal = await page.locator('.playbook progress').evaluate((b) => b.max);
  check(menteeTotal < allTotal, `a mentee's playbook total ${menteeTotal} is not below everyone's ${allTotal}`);
  const v = await axeViolations(page);
  check(v.length === 0, `axe (playbook): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);
  check(errors.length === 0, `page errors: ${errors.join('\n')}`);
  console.log('progress: done state, undo, export/import and role switch work');
});
