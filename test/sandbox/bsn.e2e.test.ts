import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bsnForms, tracesIn } from '../privacy/forms.js';
import { hasChromium, openSandboxPage, type SandboxPage } from './browser.js';

// The sandbox page in headless Chromium (Debian's `chromium` package): a line
// with a BSN is shown as refused and masked, never as typed. Without Chromium
// only this file is skipped.

(hasChromium ? describe : describe.skip)('sandbox page: a line with a BSN', () => {
  let sandbox: SandboxPage;
  let env: SandboxPage['env'];
  let page: SandboxPage['page'];

  beforeAll(async () => {
    sandbox = await openSandboxPage();
    ({ env, page } = sandbox);
  }, 60_000);

  afterAll(async () => {
    await sandbox?.close();
  });

  const type = (text: string) => sandbox.type(text);

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
