import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSandboxApp } from './helpers.js';

// The sandbox page in headless Chromium (Debian's `chromium` package), for the
// browser tests. Without Chromium those files are skipped, with a note.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('chromium ontbreekt: browsertest overgeslagen');

export interface SandboxPage {
  /** The app behind the page; read inside a test, once the file's beforeAll has opened it. */
  readonly env: Awaited<ReturnType<typeof startSandboxApp>>;
  readonly page: Page;
  /** Loads the sandbox page afresh and waits until its script has drawn it. */
  open(): Promise<void>;
  /** Types a line into the command box and waits until the server answered (the box clears). */
  type(text: string): Promise<void>;
  /** Picks a user in the picker and waits until the messages shown are that user's. */
  actAs(userId: string): Promise<void>;
  /** `/casus nieuw CODE TITLE`, then waits until the page has moved to the case's new channel. */
  newCase(code: string, title: string): Promise<void>;
}

interface Opened {
  env: SandboxPage['env'];
  page: Page;
  close(): Promise<void>;
}

/**
 * One sandbox app and one Chromium page on it for the describe block this is called in, as a Dutch
 * user in Amsterdam at 1280×900: opened in beforeAll, closed in afterAll. Call it in the describe
 * body; read `page` and `env` inside the tests (they throw before the page is open, so a failed
 * start says so instead of timing out on undefined).
 */
export function useSandboxPage(): SandboxPage {
  let opened: Opened | undefined;
  beforeAll(async () => {
    opened = await openSandboxPage();
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): Opened => {
    if (!opened) throw new Error('the sandbox page is not open: its beforeAll failed or has not run');
    return opened;
  };
  const sandbox: SandboxPage = {
    get env() {
      return current().env;
    },
    get page() {
      return current().page;
    },
    async open() {
      const { env, page } = current();
      await page.goto(env.base);
      await page.waitForSelector('body[data-ready="true"]');
    },
    async type(text) {
      const { page } = current();
      await page.fill('#command', text);
      await page.press('#command', 'Enter');
      await expect.poll(() => page.inputValue('#command')).toBe('');
    },
    async actAs(userId) {
      const { page } = current();
      await page.selectOption('#user', userId);
      await page.waitForSelector(`#messages[data-for^="${userId} "]`);
    },
    async newCase(code, title) {
      await sandbox.type(`/casus nieuw ${code} ${title}`);
      await expect.poll(() => current().page.textContent('#channel-name')).toBe(`#casus-${code.toLowerCase()}`);
    },
  };
  return sandbox;
}

async function openSandboxPage(): Promise<Opened> {
  const { chromium } = await import('playwright-core');
  const env = await startSandboxApp();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Without the background-networking flags Chromium keeps dialling out on this closed network.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.setDefaultTimeout(10_000);
    const launched = browser;
    return {
      env,
      page,
      async close() {
        await launched.close();
        await env.cleanup();
      },
    };
  } catch (err) {
    await browser?.close();
    await env.cleanup();
    throw err;
  }
}

/** axe-core's violations of any impact on the page as it is now, as `rule: target` lines (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // axe-core's own copy of itself, as text to run inside the page.
  const { default: axe } = await import('axe-core');
  const source = axe.source;
  // Run through the debugger protocol: the page's CSP rightly refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}
