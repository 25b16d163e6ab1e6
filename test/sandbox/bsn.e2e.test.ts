import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bsnForms, tracesIn } from '../privacy/forms.js';
import { startSandboxApp } from './helpers.js';

// The sandbox page in headless Chromium (Debian's `chromium` package): a line
// with a BSN is shown as refused and masked, never as typed. Without Chromium
// only this file is skipped.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('chromium ontbreekt: browsertest overgeslagen');

(hasChromium ? describe : describe.skip)('sandbox page: a line with a BSN', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    env = await startSandboxApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await env?.cleanup();
  });

  const type = async (text: string) => {
    await page.fill('#command', text);
    await page.press('#command', 'Enter');
    await expect.poll(() => page.inputValue('#command')).toBe('');
  };

  it(
    'shows the refusal and the masked echo, and nothing of the number, also after a reload',
    async () => {
      await page.goto(env.base);
      await page.waitForSelector('body[data-ready="true"]');
      await page.selectOption('#user', 'U-GM');
      await type('/casus nieuw TST-801 proefgezin');
      await expect.poll(() => page.textContent('#channel-name')).toBe('#casus-tst-801');

      for (const [, written] of bsnForms().slice(0, 4)) await type(`/signaal zorg normaal vader noemde ${written} aan de telefoon`);
      const refused = page.locator('#messages .msg.ephemeral.error');
      await expect.poll(() => refused.count()).toBe(4);
      expect(await refused.first().textContent()).toContain('jij: (bericht geweigerd: bevat een BSN)');
      expect(await refused.first().textContent()).toMatch(/niets opgeslagen/);
      // The arrow keys recall the last line that was kept, not a refused one.
      await page.press('#command', 'ArrowUp');
      expect(await page.inputValue('#command')).toBe('/casus nieuw TST-801 proefgezin');
      await page.fill('#command', '');

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await page.selectOption('#user', 'U-GM');
      await expect.poll(() => page.locator('#messages .msg.ephemeral.error').count()).toBe(4);
      expect(tracesIn(await page.content())).toEqual([]);
      expect(tracesIn((await page.locator('body').innerText()) ?? '')).toEqual([]);
    },
    90_000,
  );
});
