import { describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, useSandboxPage } from './browser.js';
import { sandboxClient } from './helpers.js';

// Keyboard and screen-reader use of the sandbox page in headless Chromium:
// focus survives a button press and the 1.5-second refresh, new messages are
// appended (the old ones stay the same nodes) and announced once, and axe
// finds nothing in any view. Without Chromium only this file is skipped.

(hasChromium ? describe : describe.skip)('sandbox page: keyboard and screen readers', () => {
  const sandbox = useSandboxPage();
  const { type, actAs } = sandbox;
  let caseChannel = '';

  const article = (text: string) => sandbox.page.locator('#messages article.msg.kind-post', { hasText: text });
  /** Waits until the page has fetched the messages `n` more times (each refresh does once). */
  const refreshes = async (n: number) => {
    for (let i = 0; i < n; i++) await sandbox.page.waitForResponse((r) => r.url().includes('/sandbox/api/messages'));
  };

  it(
    'axe finds no violation of any impact in an empty channel, a case channel, the direct view and the form',
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await actAs('U-GM');
      expect(await axeViolations(page)).toEqual([]);

      await sandbox.newCase('TST-301', 'Gezin Toegang');
      caseChannel = (await page.getAttribute('#messages', 'data-for'))!.split(' ')[1]!;
      await type('/casus lid @Joris hoofdaannemer');
      await actAs('U-HA');
      await type('/signaal zorg normaal Afspraak met school twee keer niet nagekomen');
      await article('Signaal S-1').waitFor();
      await actAs('U-GM');
      await page.locator('#pinned').getByText('Casus TST-301').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await type('/signaal');
      await page.locator('#form-dialog').waitFor({ state: 'visible' });
      expect(await axeViolations(page)).toEqual([]);
      await page.click('#form-cancel');

      await page.click('#direct-link');
      await expect.poll(() => page.textContent('#channel-name')).toBe('Berichten aan jou');
      expect(await axeViolations(page)).toEqual([]);
      await page.locator(`[data-focus="channel:${caseChannel}"]`).click();
      await expect.poll(() => page.textContent('#channel-name')).toBe('#casus-tst-301');
    },
    90_000,
  );

  it(
    'focus stays on a channel button across refreshes, and on a message button while new messages are appended and announced once',
    async () => {
      const { page, env } = sandbox;
      // A channel in the sidebar, focused from the keyboard: the list is drawn anew each refresh.
      const channelButton = `[data-focus="channel:${caseChannel}"]`;
      await page.focus(channelButton);
      await page.evaluate((sel) => ((window as unknown as { before: Element | null }).before = document.querySelector(sel)), channelButton);
      await expect
        .poll(() => page.evaluate((sel) => document.querySelector(sel) !== (window as unknown as { before: Element | null }).before, channelButton), { timeout: 6000 })
        .toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-focus'))).toBe(`channel:${caseChannel}`);

      // The Bevestigen button of S-1 has focus while someone else files S-2.
      const ack = article('Signaal S-1').getByRole('button', { name: 'Bevestigen' });
      await ack.focus();
      await page.evaluate(() => {
        const w = window as unknown as { before: Element | null; s1: Element | null; said: string[] };
        w.before = document.activeElement;
        w.s1 = document.activeElement!.closest('article');
        w.said = [];
        new MutationObserver(() => w.said.push(document.getElementById('announcer')!.textContent ?? '')).observe(document.getElementById('announcer')!, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      await sandboxClient(env.base).command('U-HA', caseChannel, '/signaal stagnatie hulp Wachtlijst bij de aanbieder');
      await article('Signaal S-2').waitFor();
      await refreshes(3);

      const after = await page.evaluate(() => {
        const w = window as unknown as { before: Element | null; s1: Element | null; said: string[] };
        return {
          sameButtonFocused: document.activeElement === w.before,
          s1Kept: w.s1?.isConnected ?? false,
          said: w.said,
        };
      });
      expect(after.sameButtonFocused).toBe(true);
      expect(after.s1Kept).toBe(true);
      expect(after.said.filter((s) => s.includes('Signaal S-2'))).toHaveLength(1);
      expect(after.said.join('\n')).not.toContain('Signaal S-1');
      expect(await page.getAttribute('#messages', 'aria-live')).toBeNull();
    },
    60_000,
  );

  it(
    'after a button press focus stays on the button, or goes to its message when the button is gone',
    async () => {
      const { page } = sandbox;
      // Bevestigen goes away once pressed: focus lands on S-1's message, not on <body>.
      const ack = article('Signaal S-1').getByRole('button', { name: 'Bevestigen' });
      await ack.focus();
      await page.keyboard.press('Enter');
      await article('Signaal S-1').getByText('Bevestigd door').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('article')?.textContent ?? document.activeElement?.tagName)).toContain('Signaal S-1');
      await refreshes(2);
      expect(await page.evaluate(() => document.activeElement?.closest('article')?.textContent ?? '')).toContain('Signaal S-1');

      // The pinned card's toggle keeps focus when it redraws the card.
      const toggle = page.locator('[data-focus="pinned-toggle"]');
      const before = await toggle.getAttribute('aria-expanded');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => toggle.getAttribute('aria-expanded')).not.toBe(before);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-focus'))).toBe('pinned-toggle');
      await refreshes(2);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-focus'))).toBe('pinned-toggle');
    },
    60_000,
  );

  it(
    'typing @ offers the channel\'s people; the keyboard picks one and the command adds her',
    async () => {
      const { page } = sandbox;
      const input = page.locator('#command');
      const list = page.locator('#mention-list');
      await input.focus();
      await page.keyboard.type('/casus lid @');
      await list.waitFor({ state: 'visible' });
      expect(await list.getByRole('option').allTextContents()).toEqual([
        '@Sanne Sanne de Wit gezinsmanager',
        '@Joris Joris Bakker hoofdaannemer',
        '@Noor Noor Smit hulpverlener',
        '@Fatima Fatima El Amrani onderaannemer',
        '@Marloes Marloes Visser teamleider',
      ]);
      expect(await input.getAttribute('aria-expanded')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);

      await page.keyboard.type('m');
      await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['@Marloes Marloes Visser teamleider']);
      expect(await input.getAttribute('aria-activedescendant')).toBe('mention-U-TL');
      await page.keyboard.press('Enter');
      expect(await input.inputValue()).toBe('/casus lid @Marloes ');
      expect(await list.isVisible()).toBe(false);
      expect(await input.getAttribute('aria-expanded')).toBe('false');

      // Arrows move through the list; Escape closes it and leaves the line alone.
      await page.keyboard.type('@');
      await page.keyboard.press('ArrowDown');
      expect(await input.getAttribute('aria-activedescendant')).toBe('mention-U-HA');
      await page.keyboard.press('Escape');
      expect(await list.isVisible()).toBe(false);
      expect(await input.inputValue()).toBe('/casus lid @Marloes @');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('teamleider');
      await page.keyboard.press('Enter');
      await expect.poll(() => input.inputValue()).toBe('');
      await page.locator('#messages .msg:not(.error)', { hasText: '/casus lid @Marloes teamleider' }).getByText('Geplaatst').first().waitFor();
    },
    60_000,
  );
});
