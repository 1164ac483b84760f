// Search in a real browser: on a page, read a word from its text, type it into the header's
// search box, submit, and expect that page among the results of the search page; then search
// again from the search page's own box and follow a result. The site is served under a
// sub-path, so the index and result links must be found relative to the page. No request may
// leave the site's host.
//   node search.mjs BASE_URL SITE_PATH PAGE_PATH WORD TITLE [WORD2 TITLE2]

import { run, check, eventually, axeViolations } from './lib.mjs';

run(async ({ context, base, args, requests }) => {
  const [site, pagePath, word, title, word2, title2] = args;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  const response = await page.goto(base + site + pagePath, { waitUntil: 'load' });
  check(response && response.ok(), `${pagePath}: HTTP ${response && response.status()}`);
  const text = await page.locator('main').innerText();
  check(text.includes(word), `"${word}" is not on ${pagePath}`);

  await page.fill('#site-search-q', word);
  await Promise.all([page.waitForURL(/\/search\/(index\.html)?\?q=/), page.press('#site-search-q', 'Enter')]);
  const results = page.locator('.pagefind-ui__result-link');
  // Pagefind UI lists each result once its fragment has loaded, so the first results can show
  // before the one expected: wait for it, and name what was listed when it never comes.
  let titles = [];
  try {
    await eventually(async () => {
      titles = await results.allInnerTexts();
      return titles.includes(title);
    }, 'timeout', 10000);
  } catch {
    throw new Error(`results for "${word}" are ${JSON.stringify(titles)}, not "${title}"`);
  }
  const hrefs = await results.evaluateAll((links) => links.map((a) => a.href));
  const expected = new URL(site + pagePath, base + '/').href;
  check(hrefs.includes(expected), `result links ${JSON.stringify(hrefs)} miss ${expected}`);
  const violations = await axeViolations(page);
  check(violations.length === 0, `axe on the search page: ${violations.map((v) => `${v.id}: ${v.nodes.join(' ')}`).join('\n')}`);

  if (word2) {
    await page.fill('.pagefind-ui__search-input', word2);
    const link = page.locator('.pagefind-ui__result-link', { hasText: title2 });
    await eventually(async () => (await link.count()) > 0, `no "${title2}" among results for "${word2}"`, 10000);
    await link.first().click();
    await eventually(async () => (await page.locator('h1').first().innerText()) === title2, `clicking the result did not open "${title2}"`);
  }

  const foreign = requests.filter((url) => !url.startsWith(base));
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  check(errors.length === 0, `script errors: ${errors.join('; ')}`);
  console.log(`search: "${word}" found "${title}"${word2 ? `, "${word2}" opened "${title2}"` : ''}`);
});
