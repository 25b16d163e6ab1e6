import { describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, useSandboxPage } from './browser.js';

// Room to work on the sandbox page, in headless Chromium at three sizes: the
// pinned case card folds to one line below 900 px of height and opens on
// demand, a phone never scrolls sideways, long words wrap, and the
// conversation keeps its share of the screen. Screenshots go to /tmp (or
// SANDBOX_SCREENSHOT_DIR). Without Chromium only this file is skipped.

const SHOTS = process.env.SANDBOX_SCREENSHOT_DIR ?? '/tmp';
const LONG_WORD = `https://voorbeeld.nl/${'verslag-schoolbezoek-'.repeat(8)}bijlage`;

(hasChromium ? describe : describe.skip)('sandbox page: room to work', () => {
  const sandbox = useSandboxPage();
  const { type, actAs } = sandbox;
  /** Reopens the page at a size, as someone who never folded or opened the card. */
  const at = async (width: number, height: number) => {
    const { page } = sandbox;
    await page.setViewportSize({ width, height });
    await page.evaluate(() => localStorage.removeItem('sandbox.pinnedFolded'));
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.locator('#pinned').getByText('Vastgezet (1)').waitFor();
  };
  /** The conversation's share of the window's height. */
  const messageShare = () => sandbox.page.evaluate(() => document.getElementById('messages')!.getBoundingClientRect().height / window.innerHeight);
  const pinnedHeight = () => sandbox.page.evaluate(() => document.getElementById('pinned')!.getBoundingClientRect().height);

  it(
    'at 1280×900 the card is open; at 1366×768 it is one line that opens on demand, and the conversation gets most of the screen',
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await actAs('U-GM');
      await sandbox.newCase('TST-401', 'Gezin Ruimte');
      await type('/casus lid @Joris hoofdaannemer');
      await actAs('U-HA');
      await type(`/signaal zorg normaal Verslag staat op ${LONG_WORD}`);
      await page.locator('article.msg.kind-post', { hasText: 'Signaal S-1' }).waitFor();

      await at(1280, 900);
      expect(await page.getAttribute('[data-focus="pinned-toggle"]', 'aria-expanded')).toBe('true');
      await page.locator('#pinned').getByText('Regie op veiligheid').waitFor();
      await page.screenshot({ path: `${SHOTS}/regiebot-sandbox-1280x900.png` });
      expect(await messageShare()).toBeGreaterThan(0.3);

      await at(1366, 768);
      const pinned = page.locator('#pinned');
      expect(await page.getAttribute('[data-focus="pinned-toggle"]', 'aria-expanded')).toBe('false');
      expect(await pinned.locator('.pinned-summary').textContent()).toMatch(/^TST-401 · Verbinden & Motiveren · 1 open signaal · volgend overleg \S/);
      expect(await pinned.getByText('Regie op veiligheid').count()).toBe(0);
      expect(await pinnedHeight()).toBeLessThan(48);
      await page.screenshot({ path: `${SHOTS}/regiebot-sandbox-1366x768.png` });
      expect(await messageShare()).toBeGreaterThan(0.55);

      // Opened on demand, and that choice is kept.
      await page.click('[data-focus="pinned-toggle"]');
      await pinned.getByText('Regie op veiligheid').waitFor();
      expect(await page.getAttribute('[data-focus="pinned-toggle"]', 'aria-expanded')).toBe('true');
      await page.reload();
      await pinned.getByText('Regie op veiligheid').waitFor();
      await page.click('[data-focus="pinned-toggle"]');
      await expect.poll(() => pinned.getByText('Regie op veiligheid').count()).toBe(0);
    },
    90_000,
  );

  it(
    'at 390 px nothing scrolls sideways, long words wrap inside the card, the channels sit behind a button, and axe finds nothing',
    async () => {
      const { page } = sandbox;
      await at(390, 844);
      await page.screenshot({ path: `${SHOTS}/regiebot-sandbox-390x844.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(390);
      const signal = page.locator('article.msg.kind-post', { hasText: 'Signaal S-1' });
      expect(await signal.textContent()).toContain(LONG_WORD);
      const overflow = await signal.evaluate((article) => {
        const card = article.querySelector('.card')!;
        const right = card.getBoundingClientRect().right;
        const inside = Array.from(card.querySelectorAll('*')).filter((e) => e.getBoundingClientRect().right > right + 1 || e.scrollWidth > e.clientWidth + 1);
        return { cardRight: right, overflowing: inside.map((e) => e.tagName) };
      });
      expect(overflow.cardRight).toBeLessThanOrEqual(390);
      expect(overflow.overflowing).toEqual([]);
      expect(await pinnedHeight()).toBeLessThan(60);
      expect(await messageShare()).toBeGreaterThan(0.5);

      expect(await page.isVisible('#sidebar')).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
      await page.click('#menu');
      await page.locator('#sidebar').getByText('algemeen').click();
      await expect.poll(() => page.textContent('#channel-name')).toBe('#algemeen');
      expect(await page.isVisible('#sidebar')).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    },
    60_000,
  );

  it(
    'a chart at the bottom: the list ends at the bottom once the picture has loaded; the page has a favicon',
    async () => {
      const { page, env } = sandbox;
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.locator('#sidebar').getByText('casus-tst-401').click();
      await expect.poll(() => page.textContent('#channel-name')).toBe('#casus-tst-401');
      await actAs('U-GM');
      await type('/veiligheid actueel 6 blijvend 4');
      await type('/veiligheid actueel 7 blijvend 5');
      await type('/veiligheid grafiek');
      const chart = page.locator('#messages img.chart').last();
      await chart.waitFor();
      await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalHeight > 0)).toBe(true);
      await expect
        .poll(() => page.evaluate(() => {
          const box = document.getElementById('messages')!;
          return box.scrollHeight - box.scrollTop - box.clientHeight;
        }))
        .toBeLessThan(2);

      const icon = await page.getAttribute('link[rel="icon"]', 'href');
      expect(icon).toBe('/sandbox/favicon.svg');
      const res = await fetch(`${env.base}${icon}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toContain('<svg');
    },
    60_000,
  );
});
