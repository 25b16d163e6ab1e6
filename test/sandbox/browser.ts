import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startSandboxApp } from './helpers.js';

// The sandbox page in headless Chromium (Debian's `chromium` package), for the
// browser tests. Without Chromium those files are skipped, with a note.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('chromium ontbreekt: browsertest overgeslagen');

export interface SandboxPage {
  env: Awaited<ReturnType<typeof startSandboxApp>>;
  page: Page;
  /** Types a line into the command box and waits until the server answered (the box clears). */
  type(text: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh sandbox app and one page on it, as a Dutch user in Amsterdam at 1280×900. */
export async function openSandboxPage(): Promise<SandboxPage> {
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
    const opened = browser;
    return {
      env,
      page,
      async type(text) {
        await page.fill('#command', text);
        await page.press('#command', 'Enter');
        await expect.poll(() => page.inputValue('#command')).toBe('');
      },
      async close() {
        await opened.close();
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
