import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { cases, meetings, members, referrals, safetyScores, signals as signalRows } from '../../db/schema.js';
import { startPlayground, type Running } from '../../scripts/teams-playground.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';

// `npm run teams:playground` end to end: the bot in local Teams mode and
// Microsoft 365 Agents Playground (from npm, run offline, telemetry off), driven
// in headless Chromium (Debian's `chromium`) through a short case in the
// playground's group chat: create, add a member by @-mention, a signal,
// Bevestigen (the card changes in place), a refusal for someone else, score,
// referral, start, overleg. The playground has one user at a time, so it is
// restarted as the hoofdaannemer and back; the bot and its database keep
// running. Without Chromium only this file is skipped.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn('chromium ontbreekt: playground-test overgeslagen');


type Part = string | { at: string };

(hasChromium ? describe : describe.skip)('Teams in Microsoft 365 Agents Playground', () => {
  let dir: string;
  let running: Running;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];

  const openGroupChat = async () => {
    await page.goto(running.playgroundUrl);
    await page.locator('[role="treeitem"][aria-label="Casusoverleg"]').click();
    await page.getByText('Hallo, ik ben regiebot').last().waitFor();
  };

  const cards = () => page.locator('.ac-adaptiveCard');

  /** Types a message (with @-mentions picked from the typeahead) and waits until the bot answered with `expect`. */
  const say = async (parts: Part[], expected: string | RegExp) => {
    const before = await page.getByText(expected).count();
    const box = page.locator('[contenteditable="true"][role="textbox"]').last();
    await box.click();
    for (const p of parts) {
      if (typeof p === 'string') {
        await page.keyboard.type(p);
        continue;
      }
      await page.keyboard.type(`@${p.at.slice(0, 3)}`);
      await page.locator('#typeahead-menu [role="menuitem"]', { hasText: p.at }).first().click();
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(expected).count(), { timeout: 15_000 }).toBeGreaterThan(before);
  };
  const bot: Part = { at: 'regiebot' };


  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regiebot-playground-'));
    running = await startPlayground({
      botPort: await freePort(),
      playgroundPort: await freePort(),
      databaseUrl: testDatabaseUrl(dir),
      workDir: join(dir, 'playground'),
      env: { LOG_LEVEL: 'warn' },
      me: 'sanne',
      stdio: 'pipe',
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.setDefaultTimeout(15_000);
    // Everything is on this computer; the playground page asks a CDN for fonts only. Nothing leaves.
    await page.route(
      (url) => !['localhost', '127.0.0.1'].includes(url.hostname),
      (route) => {
        blocked.push(new URL(route.request().url()).hostname);
        return route.abort();
      },
    );
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'a short case, from casus nieuw to the overleg',
    async () => {
      await openGroupChat();
      // Sanne de Wit, gezinsmanager.
      await say([bot, ' casus nieuw PG-2026-001 Testgezin'], 'Casus PG-2026-001 is aangemaakt');
      await expect.poll(() => cards().filter({ hasText: 'Casus PG-2026-001' }).filter({ hasText: 'Regie op veiligheid' }).count()).toBeGreaterThan(0);
      await say([bot, ' casus lid ', { at: 'Joris Bakker' }, ' hoofdaannemer'], 'Joris Bakker is toegevoegd als hoofdaannemer.');
      await say([bot, ' signaal veiligheid hoog Vader dreigde de kinderen mee te nemen'], 'Signaal S-1: veiligheid (hoog)');

      const signals = () => cards().filter({ hasText: 'Signaal S-1: veiligheid (hoog)' });
      await expect.poll(() => signals().count()).toBeGreaterThan(0);
      // Filed by the gezinsmanager herself: it counts as acknowledged by her, so it carries no Bevestigen button.
      const signal = signals().last();
      await expect.poll(() => signal.textContent()).toContain('Gemeld door de gezinsmanager zelf: geldt als bevestigd.');
      expect(await signal.getByRole('button', { name: 'Bevestigen' }).count()).toBe(0);

      await say([bot, ' veiligheid actueel 5 blijvend 4 Afspraken worden deels nagekomen'], /Veiligheid gescoord/);
      await say([bot, ' inzet "Jeugdhulp Test" ha spic 11 verwezen vandaag'], 'Inzet: verwezen naar Jeugdhulp Test');

      // Joris Bakker, hoofdaannemer: may not acknowledge; may record the start.
      await running.switchUser('joris');
      await openGroupChat();
      await say([bot, ' signaal bevestig S-1'], 'Alleen voor Joris Bakker: er is niets veranderd');
      await say([bot, ' inzet gestart "Jeugdhulp Test" vandaag'], 'Inzet: Jeugdhulp Test is gestart');

      // Sanne again: the overleg.
      await running.switchUser('sanne');
      await openGroupChat();
      await say([bot, ' overleg gehouden vandaag Startgesprek gevoerd, evaluatie over zes weken'], /Uitvoerdersoverleg gehouden/);

      // What the bot stored.
      const db = await openDatabase(testDatabaseUrl(dir));
      try {
        const [kase] = await db.q.select({ code: cases.code, platform: cases.platform, conversationId: cases.conversationId }).from(cases);
        expect(kase).toEqual({ code: 'PG-2026-001', platform: 'teams', conversationId: 'group-chat-id' });
        const people = await db.q.select({ userId: members.userId, displayName: members.displayName, role: members.role }).from(members).orderBy(asc(members.id));
        expect(people).toEqual([
          { userId: '00000000-0000-0000-0000-000000000020', displayName: 'Sanne de Wit', role: 'gezinsmanager' },
          { userId: '00000000-0000-0000-0000-000000000021', displayName: 'Joris Bakker', role: 'hoofdaannemer' },
        ]);
        expect(await db.q.select({ ackByName: signalRows.ackByName }).from(signalRows)).toEqual([{ ackByName: 'Sanne de Wit' }]);
        expect(await db.q.select({ actueel: safetyScores.actueel, blijvend: safetyScores.blijvend }).from(safetyScores)).toEqual([{ actueel: 5, blijvend: 4 }]);
        // The page may show the typed line ("… gestart …") before the bot's answer: wait for the stored start.
        await expect
          .poll(async () => (await db.q.select({ provider: referrals.provider, startedOn: referrals.startedOn }).from(referrals))[0], { timeout: 15_000 })
          .toMatchObject({ provider: 'Jeugdhulp Test', startedOn: expect.any(String) });
        // The page shows the typed line before the bot's answer: wait for the stored overleg, not for the echo.
        await expect.poll(async () => (await db.q.select({ heldOn: meetings.heldOn }).from(meetings)).length, { timeout: 15_000 }).toBe(1);
      } finally {
        await db.close();
      }
      expect(blocked.every((h) => !['localhost', '127.0.0.1'].includes(h))).toBe(true);
    },
    180_000,
  );
});
