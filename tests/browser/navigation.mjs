// The sidebar, book order and shortcuts in a real browser, at 1280 px and 390 px: the current
// page is marked and its section open; ← and → follow previous and next (across a section
// boundary); Ctrl+K focuses search; on a phone the sidebar is a drawer behind the menu button;
// opened from file://, sidebar and previous/next links reach pages, not directory listings.
//   node navigation.mjs BASE_URL FILE_ROOT_URL

import { run, check, eventually, axeViolations } from './lib.mjs';

run(async ({ context, base, args }) => {
  const [fileRoot] = args;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + '/mentors/giving-feedback/', { waitUntil: 'load' });
    const current = page.locator('#sidebar a[aria-current="page"]');
    check((await current.innerText()) === 'Giving feedback', 'the current page is not marked in the sidebar');
    check(await current.isVisible(), 'the sidebar is not visible at 1280 px');
    const open = await page.locator('#sidebar details[open]').count();
    check(open === 1, `${open} sections open, not only the current page's`);
    const mentees = page.locator('#sidebar li.has-children', { hasText: 'For mentees' }).locator('> details');
    check(!(await mentees.evaluate((d) => d.open)), 'another section is open');
    await mentees.locator('summary').click();
    await eventually(() => page.locator('#sidebar a', { hasText: 'Setting goals' }).isVisible(), 'opening a section shows no pages');
    const violations = await axeViolations(page);
    check(violations.length === 0, `axe (${colorScheme}, 1280): ${violations.map((v) => v.id + ' ' + v.nodes.join(' ')).join('\n')}`);
  }

  // Keys: → and ← move through the book; the last page of a section leads to the next section.
  await page.goto(base + '/mentors/session-notes/', { waitUntil: 'load' });
  const next = await page.locator('.pagination a[rel="next"]').getAttribute('href');
  check(next && next.includes('mentees'), `the last mentors page leads to ${next}, not the mentees`);
  await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await Promise.all([page.waitForURL(/\/mentees\/$/), page.keyboard.press('ArrowRight')]);
  await Promise.all([page.waitForURL(/\/session-notes\/$/), page.keyboard.press('ArrowLeft')]);
  await page.keyboard.press('Control+k');
  check(await page.evaluate(() => document.activeElement.id === 'site-search-q'), 'Ctrl+K does not focus the search box');
  await page.keyboard.type('ab');
  await page.keyboard.press('ArrowLeft');
  check(/session-notes\/$/.test(page.url()), 'an arrow key in the search box left the page');

  // A phone: the sidebar is a drawer.
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(base + '/program/week-02-goals/', { waitUntil: 'load' });
    const menu = page.locator('.menu-button');
    check(await menu.isVisible(), 'no menu button at 390 px');
    check(!(await page.locator('#sidebar').isVisible()), 'the sidebar takes the screen at 390 px');
    await menu.click();
    check((await menu.getAttribute('aria-expanded')) === 'true', 'the menu button does not say it is open');
    await eventually(() => page.locator('#sidebar a[aria-current="page"]').isVisible(), 'the drawer does not show the current page');
    const violations = await axeViolations(page);
    check(violations.length === 0, `axe (${colorScheme}, drawer): ${violations.map((v) => v.id + ' ' + v.nodes.join(' ')).join('\n')}`);
    await page.keyboard.press('Escape');
    await eventually(async () => !(await page.locator('#sidebar').isVisible()), 'Escape does not close the drawer');
    check(await page.evaluate(() => document.activeElement.classList.contains('menu-button')), 'focus does not return to the menu button');
  }

  // file://: links lead to pages.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(fileRoot + 'mentors/index.html', { waitUntil: 'load' });
  await page.locator('#sidebar a', { hasText: 'For mentees' }).click();
  await eventually(async () => (await page.locator('h1').first().innerText()) === 'For mentees', 'a sidebar link from file:// does not open the section');
  check(page.url().endsWith('/mentees/index.html'), `file:// link went to ${page.url()}`);
  await page.locator('.pagination a[rel="next"]').click();
  await eventually(() => page.url().endsWith('index.html') && page.url().includes('/mentees/'), `next from file:// went to ${page.url()}`);
  await page.locator('.breadcrumbs a').first().click();
  await eventually(() => page.url().endsWith('/index.html'), `the home crumb from file:// went to ${page.url()}`);
  check((await page.locator('link[rel="stylesheet"]').count()) > 0, 'no stylesheet');
  check(await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes('system-ui')), 'the stylesheet did not load from file://');

  check(errors.length === 0, `page errors: ${errors.join('\n')}`);
  console.log('navigation: sidebar, keys, drawer and file:// links work');
});
