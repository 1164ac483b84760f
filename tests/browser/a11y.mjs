// axe-core over the given pages, in the light and the dark colour scheme: any WCAG 2.x A/AA
// violation fails, and so does any request that leaves the site's own host.
//   node a11y.mjs BASE_URL PATH...

import { run, axeViolations, check } from './lib.mjs';

run(async ({ context, base, args, requests }) => {
  const page = await context.newPage();
  const problems = [];
  for (const path of args) {
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(base + path, { waitUntil: 'load' });
      check(response && response.ok(), `${path}: HTTP ${response && response.status()}`);
      for (const v of await axeViolations(page)) {
        problems.push(`${path} (${colorScheme}): ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
      }
    }
  }
  const foreign = requests.filter((url) => !url.startsWith(base));
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  check(problems.length === 0, `axe found ${problems.length} violations:\n${problems.join('\n')}`);
  console.log(`axe: ${args.length} pages x 2 colour schemes, 0 violations`);
});
