// A Mermaid block drawn at build time: the page shows an SVG diagram with a role and a name,
// runs no diagram script, asks no other host for anything, and the diagram takes the theme's
// colours in the light and the dark scheme (on the page and on the print page).
//   node diagrams.mjs BASE_URL PAGE_PATH PRINT_PATH

import { run, check } from './lib.mjs';

run(async ({ context, base, args, requests }) => {
  const [path, printPath] = args;
  const page = await context.newPage();
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const p of [path, printPath]) {
      await page.goto(base + p, { waitUntil: 'load' });
      const found = await page.evaluate(() => {
        const svgs = [...document.querySelectorAll('figure.diagram svg')];
        const bg = getComputedStyle(document.body).backgroundColor;
        return {
          count: svgs.length,
          drawn: svgs.map((s) => {
            const box = s.getBoundingClientRect();
            const back = s.querySelector('rect');
            const text = s.querySelector('text');
            return {
              role: s.getAttribute('role'),
              name: s.getAttribute('aria-label') || '',
              title: (s.querySelector('title') || {}).textContent || '',
              width: box.width,
              height: box.height,
              back: back ? getComputedStyle(back).fill : '',
              text: text ? getComputedStyle(text).fill : '',
            };
          }),
          bg,
          fg: getComputedStyle(document.body).color,
          scripts: [...document.scripts].map((s) => s.src + ' ' + s.textContent).filter((t) => /mermaid/i.test(t)),
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        };
      });
      check(found.count > 0, `${p}: no diagram drawn`);
      for (const d of found.drawn) {
        check(d.role === 'img' && d.name.length > 9 && d.title === d.name, `${p}: diagram without role or name: ${JSON.stringify(d)}`);
        check(d.width > 100 && d.height > 100, `${p}: diagram not laid out: ${JSON.stringify(d)}`);
        check(d.back === found.bg, `${p} (${colorScheme}): diagram background ${d.back}, page ${found.bg}`);
        check(d.text === found.fg, `${p} (${colorScheme}): diagram text ${d.text}, page text ${found.fg}`);
      }
      check(found.scripts.length === 0, `${p}: a diagram script runs: ${found.scripts.join(', ')}`);
      const dup = found.ids.filter((id, i) => found.ids.indexOf(id) !== i);
      check(dup.length === 0, `${p}: duplicate ids ${[...new Set(dup)].join(', ')}`);
    }
  }
  const foreign = requests.filter((url) => !url.startsWith(base));
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  console.log('diagrams: drawn as SVG with a name, in the theme\'s colours, light and dark, no script');
});
