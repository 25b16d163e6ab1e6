import { describe, expect, it } from 'vitest';
import { hasChromium, useSandboxPage } from './browser.js';

// Drives the sandbox page in headless Chromium (Debian's `chromium` package).
// Without it, only this file is skipped, with a note in the output.

const SCREENSHOT = process.env.SANDBOX_SCREENSHOT ?? '/tmp/regiebot-sandbox.png';

(hasChromium ? describe : describe.skip)('sandbox page in a browser', () => {
  const sandbox = useSandboxPage();
  const { type, actAs } = sandbox;
  const messages = () => sandbox.page.locator('#messages');
  const pinned = () => sandbox.page.locator('#pinned');
  /** Each test's own case, made by the gezinsmanager with Joris as hoofdaannemer, so no test leans on another's. */
  const caseWithJoris = async (code: string, title: string) => {
    await actAs('U-GM');
    await sandbox.newCase(code, title);
    await type('/casus lid @Joris hoofdaannemer');
    await messages().locator('.msg.ephemeral').getByText('Geplaatst', { exact: false }).first().waitFor();
  };

  it(
    'a hoofdaannemer files a signal, the gezinsmanager acknowledges it, the case card shows both',
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await expect.poll(() => page.textContent('#channel-name')).toBe('#algemeen');
      expect(await page.locator('#user option').allTextContents()).toEqual([
        'Sanne de Wit (gezinsmanager)',
        'Joris Bakker (hoofdaannemer)',
        'Noor Smit (hulpverlener)',
        'Fatima El Amrani (onderaannemer)',
        'Marloes Visser (teamleider)',
      ]);

      // The gezinsmanager creates the case (the page moves to its new channel) and adds Joris.
      await caseWithJoris('TST-101', 'Gezin Voorbeeld');
      await pinned().getByText('Casus TST-101').waitFor();
      await page.locator('#channels').getByText('casus-tst-101').waitFor();
      await pinned().getByText('Joris Bakker').waitFor();

      // The hoofdaannemer files a signal in the case channel.
      await actAs('U-HA');
      expect(await page.textContent('#channel-name')).toBe('#casus-tst-101');
      await type('/signaal zorg normaal Afspraak met school twee keer niet nagekomen');
      const signal = messages().locator('article.msg.kind-post', { hasText: 'Signaal S-1' });
      await signal.waitFor();
      await signal.getByText('Gemeld door').waitFor();
      expect(await signal.textContent()).toContain('@Joris Bakker');
      // A reply only the typist sees.
      await messages().locator('.msg.ephemeral', { hasText: 'alleen zichtbaar voor jou' }).last().waitFor();

      // Someone outside the case gets a refusal, in the error style.
      await actAs('U-OA');
      await type('/signaal lijst');
      await messages().locator('.msg.ephemeral.error').first().waitFor();

      // The gezinsmanager presses Bevestigen.
      await actAs('U-GM');
      expect(await messages().locator('.msg.error').count()).toBe(0);
      await signal.getByRole('button', { name: 'Bevestigen' }).click();
      await signal.getByText('Bevestigd door').waitFor();
      expect(await signal.textContent()).toContain('@Sanne de Wit');
      expect(await signal.getByRole('button', { name: 'Bevestigen' }).count()).toBe(0);

      // The pinned case card: both regies, and S-1 acknowledged.
      const cardText = (await pinned().textContent()) ?? '';
      expect(cardText).toContain('Vastgezet (1)');
      expect(cardText).toContain('Casus TST-101');
      expect(cardText).toContain('Sanne de Wit');
      expect(cardText).toContain('Joris Bakker');
      expect(cardText).toMatch(/S-1 zorg \(normaal\), gemeld door @Joris Bakker, bevestigd door @Sanne de Wit/);

      // And /casus info says the same, to the one who asked.
      await type('/casus info');
      const info = messages().locator('.msg.ephemeral', { hasText: '/casus info' });
      await info.waitFor();
      expect(await info.textContent()).toMatch(/S-1 zorg \(normaal\), gemeld door @Joris Bakker, bevestigd door @Sanne de Wit/);

      await page.screenshot({ path: SCREENSHOT, fullPage: false });
    },
    90_000,
  );

  it(
    'a bare /signaal opens a form; submitting it files the signal',
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await caseWithJoris('TST-102', 'Gezin Formulier');
      await actAs('U-HA');
      expect(await page.textContent('#channel-name')).toBe('#casus-tst-102');
      await type('/signaal');
      const dialog = page.locator('#form-dialog');
      await dialog.waitFor({ state: 'visible' });
      expect(await page.textContent('#form-title')).toBe('Signaal melden');
      await page.selectOption('#f-soort', 'stagnatie');
      await page.selectOption('#f-oorzaak', 'hulp');
      await page.fill('#f-tekst', 'Wachtlijst bij de aanbieder, start schuift op');
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-form.png') });
      await page.click('#form-submit');
      await dialog.waitFor({ state: 'hidden' });
      const s1 = messages().locator('article.msg.kind-post', { hasText: 'Signaal S-1' });
      await s1.waitFor();
      expect(await s1.textContent()).toContain('Wachtlijst bij de aanbieder');
    },
    60_000,
  );

  it(
    "a personal notice's link opens the channel at the very message it is about, not at the bottom",
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await caseWithJoris('TST-103', 'Gezin Melding');
      await actAs('U-HA');
      await page.locator('#channels').getByText('casus-tst-103').click();
      await expect.poll(() => page.textContent('#channel-name')).toBe('#casus-tst-103');
      await type('/signaal veiligheid hoog Vader dreigde bij de overdracht');
      await messages().locator('article.msg.kind-post', { hasText: 'Signaal S-1' }).waitFor();
      // Later posts, so the signal is no longer the last message of the channel.
      await type('/signaal positief laag Goed gesprek met school');
      await messages().locator('article.msg.kind-post', { hasText: 'Signaal S-2' }).waitFor();

      await actAs('U-GM');
      await page.click('#direct-link');
      const notice = messages().locator('article.msg', { hasText: 'Nieuw signaal in casus TST-103 (hoog)' });
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Bevestigen vóór');
      await notice.locator('button.about').click();
      await expect.poll(() => page.textContent('#channel-name')).toBe('#casus-tst-103');
      // Focus on that message itself (not <body>), marked as the one linked to.
      await expect.poll(() => page.evaluate(() => (document.activeElement?.matches('article.msg') ? document.activeElement.textContent : ''))).toContain('Signaal S-1');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('linked'))).toBe(true);
    },
    60_000,
  );

  it('makes a channel from the sidebar', async () => {
    const { page } = sandbox;
    await sandbox.open();
    await page.fill('#new-channel-name', 'Overleg Noord');
    await page.press('#new-channel-name', 'Enter');
    await expect.poll(() => page.textContent('#channel-name')).toBe('#overleg-noord');
    await type('/casus info');
    await messages().locator('.msg.ephemeral.error').first().waitFor();
  });
});
