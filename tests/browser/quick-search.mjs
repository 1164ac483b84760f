// Search finds checklists: a word that is only in a checklist item, typed into the header's box,
// shows the page among the results as you type, with a sub-result that leads to the checklist's
// anchor and no stray "#" in any title; the search page shows it too, in the theme's colours,
// with axe at 0 violations (results on screen, light and dark). Opened from file://, both boxes
// say that search needs the site to be served.
//   node quick-search.mjs BASE_URL FILE_ROOT_URL WORD PAGE_TITLE ANCHOR

import { run, check, eventually, axeViolations } from './lib.mjs';

run(async ({ context, base, args, requests }) => {
  const [fileRoot, word, title, anchor] = args;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.goto(base + '/mentees/', { waitUntil: 'load' });
    await page.locator('#site-search-q').pressSequentially(word, { delay: 30 });
    const panel = page.locator('.quick-search');
    await eventually(async () => (await panel.locator('.quick-search-page', { hasText: title }).count()) > 0,
      `typing "${word}" shows no "${title}" under the header box`, 10000);
    const subs = await panel.locator('.quick-search-sub').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    check(subs.some((h) => h.endsWith('#' + anchor)), `no result leads to #${anchor}: ${JSON.stringify(subs)}`);
    const titles = await panel.locator('.quick-search-title').allInnerTexts();
    check(!titles.some((t) => t.trim().endsWith('#')), `a result title ends in "#": ${JSON.stringify(titles)}`);
    let violations = await axeViolations(page);
    check(violations.length === 0, `axe (${colorScheme}, header results): ${violations.map((v) => v.id + ' ' + v.nodes.join(' ')).join('\n')}`);

    await Promise.all([page.waitForURL(/\/search\/(index\.html)?\?q=/), page.press('#site-search-q', 'Enter')]);
    const results = page.locator('.pagefind-ui__result-link');
    await eventually(async () => (await results.allInnerTexts()).includes(title), `the search page does not list "${title}"`, 10000);
    const nested = await page.locator('.pagefind-ui__result-nested .pagefind-ui__result-link').allInnerTexts();
    check(!nested.some((t) => t.trim().endsWith('#')), `a sub-result title ends in "#": ${JSON.stringify(nested)}`);
    const colours = await page.evaluate(() => {
      const input = document.querySelector('.pagefind-ui__search-input');
      const s = getComputedStyle(input);
      return { color: s.color, background: s.backgroundColor, font: s.fontFamily, body: getComputedStyle(document.body).fontFamily };
    });
    check(colours.color !== colours.background, `the search input is ${colours.color} on ${colours.background}`);
    check(colours.font === colours.body, `the search UI uses ${colours.font}, not the theme's ${colours.body}`);
    violations = await axeViolations(page);
    check(violations.length === 0, `axe (${colorScheme}, search page with results): ${violations.map((v) => v.id + ' ' + v.nodes.join(' ')).join('\n')}`);
  }

  // Following the sub-result lands on the checklist.
  await page.goto(base + '/mentees/', { waitUntil: 'load' });
  await page.locator('#site-search-q').pressSequentially(word, { delay: 30 });
  const sub = page.locator('.quick-search-sub').first();
  await eventually(async () => (await sub.count()) > 0, 'no sub-result to follow', 10000);
  await sub.click();
  await eventually(() => page.url().endsWith('#' + anchor), `the sub-result opened ${page.url()}`);

  // file://: a sentence, not a hang.
  await page.goto(fileRoot + 'mentees/index.html', { waitUntil: 'load' });
  await page.locator('#site-search-q').pressSequentially(word, { delay: 10 });
  await eventually(async () => /served/.test(await page.locator('.quick-search-status').innerText()), 'the header box from file:// does not say search needs a server');
  await page.goto(fileRoot + 'search/index.html?q=' + word, { waitUntil: 'load' });
  await eventually(async () => /served/.test(await page.locator('.search-unavailable').innerText().catch(() => '')), 'the search page from file:// does not say search needs a server');

  const foreign = requests.filter((url) => !url.startsWith(base) && !url.startsWith('file:'));
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  check(errors.length === 0, `page errors: ${errors.join('\n')}`);
  console.log(`quick search: "${word}" finds "${title}" at #${anchor}`);
});
