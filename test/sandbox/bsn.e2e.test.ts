import { describe, expect, it } from 'vitest';
import { bsnForms, tracesIn } from '../privacy/forms.js';
import { hasChromium, useSandboxPage } from './browser.js';

// The sandbox page in headless Chromium (Debian's `chromium` package): a line
// with a BSN is shown as refused and masked, never as typed. Without Chromium
// only this file is skipped.

(hasChromium ? describe : describe.skip)('sandbox page: a line with a BSN', () => {
  const sandbox = useSandboxPage();
  const { type, actAs } = sandbox;

  it(
    'shows the refusal and the masked echo, and nothing of the number, also after a reload',
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await actAs('U-GM');
      await sandbox.newCase('TST-801', 'proefgezin');

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
