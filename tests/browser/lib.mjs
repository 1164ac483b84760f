// Shared by the browser scripts: launch Debian's Chromium headless with a fresh profile, fail
// loudly when it is missing, and run axe-core inside a page. Each script is started by a Rust
// test (`cargo test --features browser`) as `node tests/browser/NAME.mjs BASE_URL [...]` and
// reports failure through its exit code and stderr.

import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the Chromium binary: $CHROMIUM, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

/** Throws with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until `fn` returns a truthy value, polling, or throws `message` after `ms`. */
export async function eventually(fn, message, ms = 5000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs `body({ context, base, args })` in a fresh headless Chromium profile, then exits 0, or
 * prints the error and exits 1. `base` is argv[2] without a trailing slash.
 */
export async function run(body) {
  const [base, ...args] = process.argv.slice(2);
  if (!base) {
    console.error('usage: node SCRIPT.mjs BASE_URL [ARGS...]');
    process.exit(2);
  }
  if (!existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium\``);
    process.exit(1);
  }
  const profile = mkdtempSync(join(tmpdir(), 'mentorbook-chromium-'));
  let context;
  let code = 0;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const requests = [];
    context.on('request', (req) => requests.push(req.url()));
    await body({ context, base: base.replace(/\/$/, ''), args, requests });
  } catch (e) {
    console.error(e && e.stack ? e.stack : String(e));
    code = 1;
  } finally {
    if (context) await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(code);
}

/** axe-core's WCAG 2.x A and AA violations on the page as it is now. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
}
