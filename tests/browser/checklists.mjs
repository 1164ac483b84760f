// Checklists in a real browser, over the built sample handbook:
//   node checklists.mjs BASE_URL
// tick → the count updates → reload → still ticked → reset clears it; `[x]` items start ticked
// and an unticked one stays unticked; the playbook's progress reflects ticks made on a step
// page; without the script the boxes still tick; one checklist and one section print alone.

import { run, check, eventually } from './lib.mjs';

const GOOD_MENTOR = 'fieldset[data-checklist="mentors/being-a-good-mentor#being-a-good-mentor"]';
const WEEK_ONE = '/program/week-01-kickoff/';

async function doneText(page, form) {
  return (await page.locator(`${form} .checklist-progress`).innerText()).trim();
}

run(async ({ context, base }) => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // Tick, count, reload, reset.
  await page.goto(base + '/mentors/being-a-good-mentor/');
  const boxes = page.locator(`${GOOD_MENTOR} input[type="checkbox"]`);
  check((await boxes.count()) === 9, `expected 9 boxes, found ${await boxes.count()}`);
  check((await doneText(page, GOOD_MENTOR)) === '0 of 9 done', `start: ${await doneText(page, GOOD_MENTOR)}`);
  await page.locator(`${GOOD_MENTOR} li[data-item] label`).nth(2).click();
  await page.locator(`${GOOD_MENTOR} li[data-item] label`).nth(4).click();
  await page.locator(`${GOOD_MENTOR} li[data-item] label`).nth(6).click();
  check((await doneText(page, GOOD_MENTOR)) === '3 of 9 done', `after 3 ticks: ${await doneText(page, GOOD_MENTOR)}`);
  await page.reload();
  check(await boxes.nth(2).isChecked(), 'tick 3 lost on reload');
  check(await boxes.nth(6).isChecked(), 'tick 7 lost on reload');
  check(!(await boxes.nth(0).isChecked()), 'box 1 ticked by itself');
  check((await doneText(page, GOOD_MENTOR)) === '3 of 9 done', `after reload: ${await doneText(page, GOOD_MENTOR)}`);
  await page.locator(`${GOOD_MENTOR} button[type="reset"]`).click();
  await eventually(async () => (await doneText(page, GOOD_MENTOR)) === '0 of 9 done', 'reset did not clear the count');
  check(!(await boxes.nth(2).isChecked()), 'reset left a box ticked');
  await page.reload();
  check(!(await boxes.nth(2).isChecked()), 'reset did not clear the saved tick');

  // Keyboard: Space on a focused box ticks it.
  await boxes.nth(0).focus();
  await page.keyboard.press('Space');
  check(await boxes.nth(0).isChecked(), 'Space did not tick the focused box');
  await page.locator(`${GOOD_MENTOR} button[type="reset"]`).click();

  // A `[x]` item starts ticked; unticking it is remembered.
  await page.goto(base + WEEK_ONE);
  const before = 'fieldset[data-checklist="program/week-01-kickoff#before-week-two"]';
  const booked = page.locator(`${before} input[type="checkbox"]`).first();
  check(await booked.isChecked(), '[x] item does not start ticked');
  await booked.click();
  await page.reload();
  check(!(await booked.isChecked()), 'unticking a [x] item was not remembered');

  // The playbook's progress follows ticks made on a step page.
  await page.goto(base + '/program/');
  const progress = page.locator('.playbook progress');
  const total = Number(await progress.getAttribute('max'));
  const start = await progress.evaluate((p) => p.value);
  check(total > 0, 'playbook progress has no maximum');
  await page.goto(base + WEEK_ONE);
  const mentor = 'fieldset[data-checklist="program/week-01-kickoff#mentor-checklist"]';
  await page.locator(`${mentor} li[data-item] label`).nth(0).click();
  await page.locator(`${mentor} li[data-item] label`).nth(1).click();
  await page.goto(base + '/program/');
  const now = await progress.evaluate((p) => p.value);
  check(now === start + 2, `playbook progress ${start} → ${now}, expected +2`);
  const stepDone = await page.locator('.playbook li[data-checklist="program/week-01-kickoff#mentor-checklist"] .checklist-done').innerText();
  check(stepDone.trim() === '2', `step checklist shows ${stepDone} done`);
  const text = await page.locator('.playbook-progress-text').innerText();
  check(text.startsWith(`${now} of ${total}`), `progress text: ${text}`);

  // The step page says where it is in the playbook.
  await page.goto(base + WEEK_ONE);
  const step = (await page.locator('.step-indicator').innerText()).trim();
  check(/^Step 1 of \d+/.test(step), `step indicator: ${step}`);

  // Without the script the list still reads and ticks (a plain form).
  const bare = await context.newPage();
  await bare.route('**/checklists.js', (route) => route.abort());
  await bare.goto(base + '/mentors/first-meeting/');
  const first = bare.locator('form.checklist input[type="checkbox"]').first();
  check(await first.isEnabled(), 'checkbox disabled without JavaScript');
  await bare.locator('form.checklist li[data-item] label').first().click();
  check(await first.isChecked(), 'checkbox does not tick without JavaScript');
  await bare.close();

  // Printing one checklist from its page: its print link (with the script) prints only its
  // form; without the script the link's target does the same; an ordinary link to the checklist
  // prints the whole page.
  const shown = (p, selector) => p.locator(selector).first().isVisible();
  await page.goto(base + '/mentors/being-a-good-mentor/');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => {
    window.printed = [];
    window.print = () => {
      const form = document.querySelector('form.print-this');
      const visible = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
      window.printed.push({
        form: form ? form.querySelector('fieldset').getAttribute('data-checklist') : null,
        formShown: visible(form),
        legendShown: !!form && form.querySelector('legend').getBoundingClientRect().width > 1,
        sheetShown: !!form && visible(form.querySelector('.checklist-sheet')),
        h1Shown: visible(document.querySelector('h1')),
        headerShown: visible(document.querySelector('.site-header')),
        others: Array.from(document.querySelectorAll('form.checklist:not(.print-this)')).filter(visible).length,
      });
    };
  });
  // (Its button is hidden on paper, so the click is dispatched, as a reader's is on screen.)
  await page.locator(`form.checklist:has(${GOOD_MENTOR}) a.checklist-print`).dispatchEvent('click');
  const printed = await page.evaluate(() => window.printed);
  check(printed.length === 1, `print() called ${printed.length} times`);
  const p0 = printed[0];
  check(p0.form === 'mentors/being-a-good-mentor#being-a-good-mentor', `printed form: ${p0.form}`);
  check(p0.formShown && p0.legendShown && p0.sheetShown, `the checklist, its title or its sheet lines do not print: ${JSON.stringify(p0)}`);
  check(!p0.h1Shown && !p0.headerShown && p0.others === 0, `more than the checklist prints: ${JSON.stringify(p0)}`);
  check(page.url().endsWith('/mentors/being-a-good-mentor/'), `the print link navigated: ${page.url()}`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  check(await shown(page, 'h1'), 'after printing, the page prints whole again');
  check((await page.locator('body.print-one, .print-this').count()) === 0, 'print marks left behind');

  const bare2 = await context.newPage();
  await bare2.route('**/checklists.js', (route) => route.abort());
  await bare2.emulateMedia({ media: 'print' });
  await bare2.goto(base + '/mentors/being-a-good-mentor/#print-being-a-good-mentor');
  check(await shown(bare2, GOOD_MENTOR), 'without the script, the targeted checklist does not print');
  check(!(await shown(bare2, 'h1')) && !(await shown(bare2, '.site-header')), 'without the script, more than the checklist prints');
  await bare2.goto(base + '/mentors/being-a-good-mentor/#being-a-good-mentor');
  check(await shown(bare2, 'h1'), 'a link to the checklist itself prints only the checklist');
  await bare2.close();
  // The one-sheet URL of earlier versions leads there.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(base + '/checklists/print/mentors/being-a-good-mentor/being-a-good-mentor/');
  await page.waitForURL('**/mentors/being-a-good-mentor/#print-being-a-good-mentor');

  // A section prints from its part of the whole handbook: its print URL leads there, and only
  // the part shows and prints.
  await page.goto(base + '/mentors/print/');
  await page.waitForURL('**/print/#part-mentors');
  await page.emulateMedia({ media: 'print' });
  check(await shown(page, '#part-mentors .print-chapter'), 'the part does not print');
  check(!(await shown(page, '#part-mentees .print-chapter')) && !(await shown(page, '.print-toc')), 'more than the part prints');
  check(!(await shown(page, '#ch-home')), 'the home page prints with the part');
  await page.goto(base + '/print/');
  check(await shown(page, '#part-mentees .print-chapter') && await shown(page, '#part-mentors .print-chapter'), 'the whole handbook does not print');

  check(errors.length === 0, `script errors: ${errors.join('; ')}`);
  console.log('checklists: tick, count, reload, reset, [x], playbook progress, no-JS, printing one checklist and one section all behave');
});
