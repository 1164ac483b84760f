// The 404 page under `mentorbook serve` at a deep URL: status 404, styled (the theme's
// stylesheet applies), its links lead into the served site, and no request leaves the host,
// although the sample's base_url names another host and path.
//   node not-found.mjs BASE_URL PATH

import { run, check, axeViolations } from './lib.mjs';

run(async ({ context, base, args, requests }) => {
  const [path] = args;
  const page = await context.newPage();
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const response = await page.goto(base + path, { waitUntil: 'load' });
    check(response && response.status() === 404, `${path}: HTTP ${response && response.status()}, not 404`);
    const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes('system-ui'));
    check(styled, 'the 404 page is not styled');
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => a.href));
    check(hrefs.length > 0 && hrefs.every((h) => h.startsWith(base + '/')), `404 links: ${JSON.stringify(hrefs)}`);
    const v = await axeViolations(page);
    check(v.length === 0, `axe on the 404 page (${colorScheme}): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);
  }
  await page.locator('main a').first().click();
  check((await page.locator('h1').first().innerText()).length > 0, 'the home link from the 404 page leads nowhere');
  const foreign = requests.filter((url) => !url.startsWith(base));
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  console.log('404 under serve: styled at a deep URL, links stay on the server');
});
