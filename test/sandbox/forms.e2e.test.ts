import { describe, expect, it } from 'vitest';
import { testBsn } from '../privacy/forms.js';
import { hasChromium, useSandboxPage } from './browser.js';

// A refused form on the sandbox page, in headless Chromium: the dialog stays
// open with what was typed, the reason stands under the field concerned in the
// form's words (no command syntax), and number fields carry their range.
// Without Chromium only this file is skipped.

(hasChromium ? describe : describe.skip)('sandbox page: a refused form keeps what was typed', () => {
  const sandbox = useSandboxPage();
  const { type, actAs } = sandbox;
  const dialog = () => sandbox.page.locator('#form-dialog');
  const errorCards = () => sandbox.page.locator('#messages .msg.error').count();

  it(
    'a score of 12: the dialog stays open, the error is under the score, the other values stay; 6 is then recorded',
    async () => {
      const { page } = sandbox;
      await sandbox.open();
      await actAs('U-GM');
      await sandbox.newCase('TST-501', 'Gezin Formulier');

      await type('/veiligheid');
      await dialog().waitFor({ state: 'visible' });
      expect(await page.getAttribute('#f-actueel', 'min')).toBe('0');
      expect(await page.getAttribute('#f-actueel', 'max')).toBe('10');
      expect(await page.getAttribute('#f-blijvend', 'max')).toBe('10');
      expect(await dialog().textContent()).toContain('Een heel getal van 0 tot en met 10.');

      await page.fill('#f-actueel', '12');
      await page.fill('#f-blijvend', '4');
      await page.fill('#f-toelichting', 'Afspraken worden nagekomen');
      await page.click('#form-submit');
      const under = page.locator('#f-actueel-error');
      await under.waitFor({ state: 'visible' });
      const said = (await under.textContent()) ?? '';
      expect(said).toContain('0 tot en met 10');
      expect(said).not.toMatch(/\/veiligheid|<0-10>/);
      expect(await dialog().isVisible()).toBe(true);
      expect(await page.getAttribute('#f-actueel', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#f-actueel', 'aria-describedby')).toContain('f-actueel-error');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-actueel');
      expect(await page.inputValue('#f-actueel')).toBe('12');
      expect(await page.inputValue('#f-blijvend')).toBe('4');
      expect(await page.inputValue('#f-toelichting')).toBe('Afspraken worden nagekomen');
      expect(await page.isVisible('#f-blijvend-error')).toBe(false);
      // Nothing went to the chat: the refusal is in the form only.
      expect(await errorCards()).toBe(0);

      await page.fill('#f-actueel', '6');
      await page.click('#form-submit');
      await dialog().waitFor({ state: 'hidden' });
      await page.locator('#messages article.msg', { hasText: 'Afspraken worden nagekomen' }).first().waitFor();
      expect(await errorCards()).toBe(0);
    },
    90_000,
  );

  it(
    'a signal whose text holds a BSN: the dialog stays open with the refusal under the text, and nothing is filed',
    async () => {
      const { page } = sandbox;
      await type('/signaal');
      await dialog().waitFor({ state: 'visible' });
      await page.selectOption('#f-soort', 'zorg');
      await page.fill('#f-tekst', `Moeder gaf haar nummer ${testBsn} door`);
      await page.click('#form-submit');
      const under = page.locator('#f-tekst-error');
      await under.waitFor({ state: 'visible' });
      expect(await under.textContent()).toMatch(/BSN/i);
      expect(await under.textContent()).not.toContain(testBsn);
      expect(await dialog().isVisible()).toBe(true);
      expect(await page.inputValue('#f-soort')).toBe('zorg');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-tekst');
      expect(await page.locator('#messages').textContent()).not.toContain('Signaal S-1');

      // A required field left empty is named under itself, before anything is sent.
      await page.fill('#f-tekst', '');
      await page.click('#form-submit');
      await expect.poll(() => page.textContent('#f-tekst-error')).toMatch(/^Vul .+ in\.$/);
      await page.click('#form-cancel');
      await dialog().waitFor({ state: 'hidden' });
    },
    60_000,
  );

  it(
    'the overleg review form offers "(ongewijzigd)" for a result, without a second empty choice',
    async () => {
      const { page } = sandbox;
      await type('/resultaat nieuw Kinderen gaan elke dag naar school');
      await type('/overleg gehouden');
      await dialog().waitFor({ state: 'visible' });
      const options = await page.locator('#f-r1 option').allTextContents();
      expect(options[0]).toBe('(ongewijzigd)');
      expect(options).not.toContain('—');
      expect(options).not.toContain('');
      expect(await page.inputValue('#f-r1')).toBe('ongewijzigd');
      await page.click('#form-cancel');
    },
    60_000,
  );
});
