// Screenshots of every page type, for a person to look at (not a test): 1280 and 390 px wide,
// light and dark, each scheme both emulated (the system's) and chosen with the header's
// toggle against the other system scheme. Search is shown with results, the 404 page at a
// missing URL, the print page as on screen.
//   [FULL_PAGE=1] node screenshots.mjs BASE_URL OUT_DIR [NAME=PATH ...]
// BASE_URL is the built site's root (e.g. the sample served at http://127.0.0.1:8000/mentoring).

import { run } from './lib.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const defaults = {
  home: '/',
  section: '/mentors/',
  page: '/mentors/first-meeting/',
  step: '/program/week-02-goals/',
  checklists: '/checklists/',
  role: '/checklists/mentee/',
  search: '/search/?q=listen',
  notfound: '/404.html',
  print: '/print/',
};

run(async ({ context, base, args }) => {
  const [out, ...extra] = args;
  mkdirSync(out, { recursive: true });
  const pages = extra.length ? Object.fromEntries(extra.map((a) => a.split('='))) : defaults;
  const page = await context.newPage();
  for (const [name, path] of Object.entries(pages)) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [scheme, how] of [['light', 'system'], ['dark', 'system'], ['light', 'toggle'], ['dark', 'toggle']]) {
        // Chosen with the toggle: the system says the other scheme, the stored choice wins.
        const system = how === 'system' ? scheme : scheme === 'dark' ? 'light' : 'dark';
        await page.emulateMedia({ colorScheme: system });
        // No choice stored, then (for the toggle) one made on the home page (the print page
        // has no header) and remembered on this one.
        await page.goto(base + '/', { waitUntil: 'load' });
        await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('mentorbook-theme:')) localStorage.removeItem(k); });
        if (how === 'toggle') {
          await page.reload({ waitUntil: 'load' });
          await page.locator('.theme-toggle').click();
        }
        await page.goto(base + path, { waitUntil: 'load' });
        if (name === 'search') await page.waitForSelector('.pagefind-ui__result', { timeout: 10000 }).catch(() => {});
        await page.waitForTimeout(150);
        // A path with an #anchor scrolls there smoothly: shoot once the scrolling has stopped.
        await page.evaluate(() => new Promise((done) => {
          let last = -1;
          const settle = () => (window.scrollY === last ? done() : ((last = window.scrollY), setTimeout(settle, 100)));
          settle();
        }));
        const file = join(out, `${name}-${width}-${scheme}-${how}.png`);
        await page.screenshot({ path: file, fullPage: !!process.env.FULL_PAGE });
      }
    }
  }
  console.log(`screenshots in ${out}`);
});
