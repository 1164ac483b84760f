// The light/dark toggle in a real browser: by default the page follows the (emulated) system
// scheme; a choice made with the header's toggle is shown as aria-pressed, survives a reload and
// carries to other pages (colours, code colours, Pagefind's); choosing the system's scheme again
// drops the choice; axe finds nothing in either chosen scheme; without JavaScript the toggle is
// absent and the system's scheme applies.
//   node theme.mjs BASE_URL PATH...   (the first PATH must show highlighted code)

import { run, check, eventually, axeViolations } from './lib.mjs';

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(13, 17, 23)';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
// aria-pressed of the header's toggle; a page without a header (print) says what it shows.
const pressed = async (page) => {
  const toggle = page.locator('.theme-toggle');
  if (await toggle.count()) return toggle.getAttribute('aria-pressed');
  return (await background(page)) === DARK_BG ? 'true' : 'false';
};
const chosen = (page) => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
const stored = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mentorbook-theme:')).map((k) => localStorage.getItem(k)));
// The colour of the first token coloured in both schemes (syntax.css: hl-l<n> hl-d<n>).
const codeColour = (page) => page.evaluate(() => {
  const span = [...document.querySelectorAll('pre.code span[class]')].find((s) =>
    [...s.classList].some((c) => /^hl-l\d+$/.test(c)) && [...s.classList].some((c) => /^hl-d\d+$/.test(c)));
  return span ? getComputedStyle(span).color : null;
});

run(async ({ context, base, args, requests }) => {
  const [codePage, ...others] = args;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // The system's scheme, no choice stored.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(base + codePage, { waitUntil: 'load' });
  const toggle = page.locator('.theme-toggle');
  check(await toggle.isVisible(), 'no toggle in the header');
  const box = await toggle.boundingBox();
  check(box.width >= 24 && box.height >= 24, `the toggle is ${box.width}x${box.height} px`);
  const name = await toggle.evaluate((b) => b.textContent.trim());
  check(name.length > 0, 'the toggle has no accessible name');
  check((await pressed(page)) === 'false' && (await chosen(page)) === null, 'light system: the toggle is pressed or a theme chosen');
  check((await background(page)) === LIGHT_BG, `light system: background ${await background(page)}`);
  const lightCode = await codeColour(page);
  check(lightCode, `no highlighted code on ${codePage}`);
  await page.emulateMedia({ colorScheme: 'dark' });
  check((await background(page)) === DARK_BG, `dark system: background ${await background(page)}`);
  await eventually(async () => (await pressed(page)) === 'true', 'dark system: the toggle does not say dark');
  const darkCode = await codeColour(page);
  check(darkCode !== lightCode, `code keeps its light colour ${lightCode} in the dark scheme`);

  // Chosen against the system: dark on a light system.
  await page.emulateMedia({ colorScheme: 'light' });
  await eventually(async () => (await pressed(page)) === 'false', 'back to light: the toggle still says dark');
  await toggle.click();
  check((await chosen(page)) === 'dark' && (await pressed(page)) === 'true', 'the toggle did not choose dark');
  check((await background(page)) === DARK_BG, `dark chosen: background ${await background(page)}`);
  check((await codeColour(page)) === darkCode, `dark chosen: code is ${await codeColour(page)}, not ${darkCode}`);
  check(JSON.stringify(await stored(page)) === '["dark"]', `stored: ${JSON.stringify(await stored(page))}`);
  await page.reload({ waitUntil: 'load' });
  check((await chosen(page)) === 'dark' && (await pressed(page)) === 'true', 'the choice did not survive a reload');
  check((await background(page)) === DARK_BG, 'dark chosen: light again after a reload');
  for (const path of others) {
    await page.goto(base + path, { waitUntil: 'load' });
    check((await background(page)) === DARK_BG && (await pressed(page)) === 'true', `${path}: the dark choice did not carry over`);
    const v = await axeViolations(page);
    check(v.length === 0, `axe (${path}, dark chosen on a light system): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);
  }

  // Choosing the system's scheme again drops the choice: the page follows the system.
  await page.goto(base + codePage, { waitUntil: 'load' });
  await toggle.click();
  check((await chosen(page)) === null && (await stored(page)).length === 0, 'light on a light system was stored');
  check((await background(page)) === LIGHT_BG && (await pressed(page)) === 'false', 'the toggle did not go back to light');
  await page.emulateMedia({ colorScheme: 'dark' });
  check((await background(page)) === DARK_BG, 'with no choice the page no longer follows the system');

  // Chosen against the system: light on a dark system.
  await toggle.click();
  check((await chosen(page)) === 'light' && (await pressed(page)) === 'false', 'the toggle did not choose light');
  check((await background(page)) === LIGHT_BG, `light chosen on a dark system: background ${await background(page)}`);
  check((await codeColour(page)) === lightCode, `light chosen: code is ${await codeColour(page)}, not ${lightCode}`);
  for (const path of others) {
    await page.goto(base + path, { waitUntil: 'load' });
    if (path.startsWith('/search/')) await page.waitForSelector('.pagefind-ui__result', { timeout: 10000 });
    check((await background(page)) === LIGHT_BG && (await pressed(page)) === 'false', `${path}: the light choice did not carry over`);
    const v = await axeViolations(page);
    check(v.length === 0, `axe (${path}, light chosen on a dark system): ${v.map((x) => x.id + ' ' + x.nodes.join(' ')).join('\n')}`);
  }
  // Pagefind's UI takes the chosen scheme too (its input is on --bg with --fg text).
  const search = others.find((p) => p.startsWith('/search/'));
  if (search) {
    await page.goto(base + search, { waitUntil: 'load' });
    await page.waitForSelector('.pagefind-ui__result', { timeout: 10000 });
    const input = await page.locator('.pagefind-ui__search-input').evaluate((i) => [getComputedStyle(i).backgroundColor, getComputedStyle(i).color]);
    check(input[0] === LIGHT_BG && input[1] !== LIGHT_BG, `Pagefind's box is ${input} with light chosen on a dark system`);
  }

  // Without JavaScript: no toggle, the system's scheme.
  const bare = await context.newPage();
  await bare.route('**/head.js', (route) => route.abort());
  await bare.emulateMedia({ colorScheme: 'dark' });
  await bare.goto(base + codePage, { waitUntil: 'load' });
  check(!(await bare.locator('.theme-toggle').isVisible()), 'the toggle shows without its script');
  check((await background(bare)) === DARK_BG, 'without the script the dark system scheme does not apply');
  await bare.emulateMedia({ colorScheme: 'light' });
  check((await background(bare)) === LIGHT_BG, 'without the script the light system scheme does not apply');
  await bare.close();

  const foreign = requests.filter((url) => !url.startsWith(base));
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  check(errors.length === 0, `page errors: ${errors.join('\n')}`);
  console.log(`theme: system default, toggle, reload, ${others.length} pages, axe in both chosen schemes, no-JS all behave`);
});
