// A playbook's progress per step and per role, in a real browser:
// - the stepper on a step page shows each step's items done ("1/11"), follows a tick on the page
//   at once and on other steps' pages after it, and counts only the reader's role;
// - a mentee who ticks every item that is theirs (mentee and everyone checklists) on every step
//   reaches 100%: the playbook's bar is full and marked complete, every step in the stepper is
//   complete, /checklists/ shows their checklists complete, and no mentor item was ticked.
//   node stepper.mjs BASE_URL PLAYBOOK_PATH

import { run, check, eventually, axeViolations } from './lib.mjs';

// [fraction text, is-complete] of each step in the stepper.
const stepper = (page) =>
  page.locator('.stepper li').evaluateAll((lis) =>
    lis.map((li) => {
      const f = li.querySelector('.stepper-progress:not([hidden]) .stepper-fraction');
      return [f ? f.textContent : null, li.classList.contains('is-complete'), li.querySelector('.stepper-said')?.textContent ?? null];
    }),
  );

// What the stepper should say for `role` ('' = everyone), from its own data and the page's storage.
const expected = (page, role) =>
  page.locator('.stepper li').evaluateAll((lis, role) => {
    const site = document.documentElement.getAttribute('data-site');
    return lis.map((li) => {
      let total = 0;
      let done = 0;
      for (const el of li.querySelectorAll('[data-checklist][data-items]')) {
        const r = el.getAttribute('data-role') || '';
        if (role && r && r !== role) continue;
        const id = el.getAttribute('data-checklist');
        const source = el.getAttribute('data-checked').split(' ').filter(Boolean);
        for (const item of el.getAttribute('data-items').split(' ').filter(Boolean)) {
          total++;
          const saved = localStorage.getItem(`mentorbook:${site}:${id}:${item}`);
          if (saved === null ? source.includes(item) : saved === '1') done++;
        }
      }
      return total ? `${done}/${total}` : null;
    });
  }, role);

run(async ({ context, base, args }) => {
  const [playbook] = args;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(base + playbook, { waitUntil: 'load' });
  const steps = await page.locator('.playbook-step-title a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  check(steps.length >= 3, `the playbook lists ${steps.length} steps`);
  const site = new URL(base).pathname.replace(/\/$/, '');
  const pathOf = (p) => p.slice(site.length);

  // Everyone: the source's ticks, then a tick on this page counts at once and on the next page.
  await page.goto(base + pathOf(steps[1]), { waitUntil: 'load' });
  let shown = await stepper(page);
  check(shown.length === steps.length, `the stepper shows ${shown.length} of ${steps.length} steps`);
  check(JSON.stringify(shown.map((s) => s[0])) === JSON.stringify(await expected(page, '')), `stepper ${JSON.stringify(shown)}`);
  check(shown.every((s) => s[0] && s[2] && s[2].includes(s[0].split('/')[1])), `screen-reader counts ${JSON.stringify(shown)}`);
  const before = shown[1][0];
  const box = page.locator('form.checklist input[type=checkbox]:not(:checked)').first();
  await box.check();
  const after = (await stepper(page))[1][0];
  check(Number(after.split('/')[0]) === Number(before.split('/')[0]) + 1, `a tick on the page moved the stepper from ${before} to ${after}`);
  await page.goto(base + pathOf(steps[2]), { waitUntil: 'load' });
  check((await stepper(page))[1][0] === after, `step 2 shows ${(await stepper(page))[1][0]} on step 3's page, not ${after}`);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const v = await axeViolations(page);
    check(v.length === 0, `axe (step page, ${colorScheme}): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(base + pathOf(steps[1]), { waitUntil: 'load' });
  await page.locator('form.checklist input[type=checkbox]:checked').first().uncheck();
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('mentorbook:')) localStorage.removeItem(k); });

  // A mentee: the stepper counts only their items.
  await page.goto(base + playbook, { waitUntil: 'load' });
  await page.selectOption('#role-switch', 'mentee');
  await page.goto(base + pathOf(steps[0]), { waitUntil: 'load' });
  const mentee = await stepper(page);
  check(JSON.stringify(mentee.map((s) => s[0])) === JSON.stringify(await expected(page, 'mentee')), `mentee stepper ${JSON.stringify(mentee)}`);
  check(Number(mentee[0][0].split('/')[1]) < Number(shown[0][0].split('/')[1]), `a mentee's step 1 (${mentee[0][0]}) is not smaller than everyone's (${shown[0][0]})`);

  // Tick every item of the mentee's own checklists (mentee and everyone) on every step.
  let mentorItems = 0;
  for (const step of steps) {
    await page.goto(base + pathOf(step), { waitUntil: 'load' });
    const forms = page.locator('form.checklist');
    for (let i = 0; i < (await forms.count()); i++) {
      const form = forms.nth(i);
      const role = (await form.locator('fieldset').getAttribute('data-role')) || '';
      const boxes = form.locator('li[data-item] input[type=checkbox]');
      if (role && role !== 'mentee') {
        mentorItems += await boxes.count();
        continue;
      }
      for (let j = 0; j < (await boxes.count()); j++) await boxes.nth(j).check();
    }
  }
  check(mentorItems > 0, 'the playbook has no mentor items to leave alone');
  const done = await stepper(page);
  check(done.every((s) => s[1] && s[0] && s[0].split('/')[0] === s[0].split('/')[1]), `stepper after every mentee item: ${JSON.stringify(done)}`);

  // 100% on the playbook for the mentee.
  await page.goto(base + playbook, { waitUntil: 'load' });
  const bar = await page.locator('.playbook progress').evaluate((b) => [b.value, b.max]);
  check(bar[0] === bar[1] && bar[1] > 0, `the mentee's playbook bar is ${bar[0]} of ${bar[1]}`);
  check(await page.locator('.playbook-progress').evaluate((p) => p.classList.contains('is-complete')), 'the playbook is not marked complete');
  check(await page.locator('.playbook-progress .checklist-complete').isVisible(), 'no completed state on the playbook');
  const text = await page.locator('.playbook-progress-text').innerText();
  check(text.startsWith(`${bar[1]} of ${bar[1]}`), `the playbook says "${text}"`);
  const v = await axeViolations(page);
  check(v.length === 0, `axe (complete playbook): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);

  // The mentor items are untouched: for everyone the playbook is not complete.
  await page.selectOption('#role-switch', '');
  const all = await page.locator('.playbook progress').evaluate((b) => [b.value, b.max]);
  check(all[0] === bar[0] && all[1] === bar[1] + mentorItems, `for everyone the bar is ${all[0]} of ${all[1]}`);
  check(!(await page.locator('.playbook-progress').evaluate((p) => p.classList.contains('is-complete'))), 'complete for everyone');
  const mentorTicks = await page.evaluate(() => {
    const site = document.documentElement.getAttribute('data-site');
    const ids = Array.from(document.querySelectorAll('.playbook [data-checklist][data-role="mentor"]'), (el) => el.getAttribute('data-checklist'));
    return Object.entries(localStorage).filter(([k, v]) => v === '1' && ids.some((id) => k.startsWith(`mentorbook:${site}:${id}:`))).length;
  });
  check(mentorTicks === 0, `${mentorTicks} mentor items were ticked`);
  await page.selectOption('#role-switch', 'mentor');
  const mentor = await page.locator('.playbook progress').evaluate((b) => [b.value, b.max]);
  check(mentor[0] < mentor[1], `the mentor's playbook is ${mentor[0]} of ${mentor[1]}, though no mentor item was ticked`);

  // /checklists/ filtered for the mentee: every checklist of the steps they see is complete.
  await page.selectOption('#role-switch', 'mentee');
  await page.goto(base + '/checklists/', { waitUntil: 'load' });
  const stepPages = steps.map((p) => pathOf(p).replace(/^\/|\/$/g, ''));
  const program = await page.locator('[data-page] [data-checklist][data-items]').evaluateAll((els, pages) =>
    els
      .filter((el) => pages.includes(el.closest('[data-page]').getAttribute('data-page')) && el.offsetParent !== null)
      .map((el) => [el.closest('[data-page]').getAttribute('data-page') + el.getAttribute('data-checklist'), el.classList.contains('is-complete')]),
  stepPages);
  check(program.length > 0, 'no playbook checklists on /checklists/ for a mentee');
  const open = program.filter(([, complete]) => !complete);
  check(open.length === 0, `not complete on /checklists/: ${open.map(([id]) => id).join(', ')}`);
  check(!(await page.locator('.checklist-group[data-role="mentor"]').isVisible()), 'mentor checklists shown to a mentee');
  check(errors.length === 0, `page errors: ${errors.join('\n')}`);
  console.log(`stepper: per-step counts follow ticks and the role; a mentee reaches 100% of ${bar[1]} items with ${mentorItems} mentor items left`);
});
