import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, outbox } from '../../db/schema.js';
import { auditActions } from '../../src/audit/log.js';
import { caseByCode } from '../../src/cases/model.js';
import { eraseExpiredCases } from '../../src/cases/retention.js';
import { timelineSentence, type TimelineLookup } from '../../src/casefile/timeline.js';
import { DAY } from '../../src/clock.js';
import { setLocale } from '../../src/i18n/index.js';
import { local } from '../helpers/app.js';
import { mentionOf } from '../helpers/people.js';
import { coreHarness, type CoreHarness } from './harness.js';

// The timeline speaks in sentences (issue 20, deliver 6): every audit action
// the code can write has one, in both locales, with names and dd-mm-jjjj dates
// and none of the log's own codes; the export says the same; a correction's
// reason is case content that retention erases. Names and codes are invented.

afterEach(() => setLocale('nl'));

/** Every `audit(…, 'x.y', …)` and `s.audit('x.y', …)` in src/: the actions the code can write. */
function writtenActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/\baudit\(\s*(?:[^'"`()]*?,\s*)?['"]([a-z]+\.[a-z-]+)['"]/g)) found.add(m[1]!);
        // `s.audit(planned ? 'inzet.afronden' : 'inzet.gestopt', …)`
        for (const m of text.matchAll(/\baudit\(\s*[^,]*\?\s*['"]([a-z]+\.[a-z-]+)['"]\s*:\s*['"]([a-z]+\.[a-z-]+)['"]/g)) {
          found.add(m[1]!);
          found.add(m[2]!);
        }
      }
    }
  };
  walk('src');
  return [...found].sort();
}

const lookup: TimelineLookup = {
  people: new Map([
    ['U-GM', 'Sanne de Wit'],
    ['U-HA', 'Joris Bakker'],
  ]),
  providers: new Map([[1, 'De Brug']]),
  teams: new Map([[1, 'Noord 2']]),
};

/** A summary of the shape the code writes for each action. */
const summaries: Record<(typeof auditActions)[number], string> = {
  'casus.aangemaakt': 'TST-301',
  'casus.gekoppeld': 'TST-301',
  'casus.lid': 'hoofdaannemer U-HA',
  'casus.lid-overgedragen': 'hoofdaannemer U-HA -> U-GM',
  'casus.fase': 'ondersteunen',
  'casus.team': 'team #1',
  'casus.afgesloten': 'TST-301 open: 1 resultaten, 2 signalen, 0 inzet',
  'casus.geexporteerd': 'TST-301',
  'signaal.gemeld': 'S-3 zorg/hoog/hulp',
  'signaal.bevestigd': 'S-3',
  'signaal.gesloten': 'S-3',
  'signaal.gewijzigd': 'S-3 urgentie hoog -> laag',
  'signaal.ingetrokken': 'S-3',
  'veiligheid.gescoord': 'actueel 6 blijvend 4',
  'veiligheid.ingetrokken': 'actueel 6 blijvend 4',
  'inzet.verwezen': 'ha spic 7 referral #1',
  'inzet.gestart': 'ha referral #1 2026-03-16',
  'inzet.gestopt': 'ha referral #1 2026-04-30',
  'inzet.gewijzigd': 'ha referral #1 gestart 2030-01-01 -> 2026-03-16',
  'overleg.gepland': '2026-04-14 10:30',
  'overleg.gehouden': '2026-04-14 overleg #4',
  'overleg.verzet': '2026-04-14 -> 2026-04-21 10:30',
  'overleg.afgezegd': '2026-04-21',
  'team.gekoppeld': 'team #1',
  'casus.lid-verwijderd': 'hoofdaannemer U-HA',
  'casus.afsluiten-gecontroleerd': 'TST-301',
  'casus.nazorg': 'goed',
  'casus.gewist': 'TST-301 na 30 dagen',
  'inzet.afronden': 'ha referral #1 2026-04-30',
  'resultaat.nieuw': 'R-2',
  'resultaat.voortgang': 'R-2 achter overleg #4',
  'resultaat.gewijzigd': 'R-2',
  'escalatie.nieuw': 'E-1 spic',
  'escalatie.besluit': 'E-1',
  'afspraak.nieuw': 'A-1 2026-12-10 R-1',
  'afspraak.klaar': 'A-1',
  'overleg.ritme': '4 weken',
  'casus.overgedragen': 'U-GM -> U-HA',
  'casus.zonder-gezinsmanager': 'U-GM',
  'casus.toestemming': 'ja',
  'team.teamleider': 'team #1 U-GM',
  'escalatie.doorgezet': 'E-1 escalatietafel',
  'bsn.geweigerd': '-',
};

describe('timeline sentences', () => {
  it('every audit action the code can write is a known action with a sentence', () => {
    const written = writtenActions();
    // The scan finds the writers (a broken scan would find none).
    expect(written.length).toBeGreaterThan(25);
    for (const action of written) expect(auditActions, action).toContain(action);
  });

  it.each(auditActions.map((a) => [a]))('%s reads as a sentence in Dutch and in English, without codes', (action) => {
    const entry = { at: local('2026-12-01 09:14'), platform: 'slack', actorId: 'U-GM', action, summary: summaries[action], reason: null };
    const lines: string[] = [];
    for (const locale of ['nl', 'en'] as const) {
      setLocale(locale);
      const line = timelineSentence(entry, lookup);
      lines.push(line);
      expect(line).toMatch(/^01-12-2026 09:14 — \S/);
      expect(line).not.toContain(action);
      expect(line).not.toMatch(/#\d|referral #|U-[A-Z]{2}\b|\d{4}-\d{2}-\d{2}|undefined|\?/);
    }
    expect(lines[0]).not.toBe(lines[1]);
  });

  it('writes the issue’s own example, and dates and names where the log has ids', () => {
    const at = local('2026-12-01 09:14');
    const line = (action: string, summary: string, reason: string | null = null) =>
      timelineSentence({ at, platform: 'slack', actorId: 'U-GM', action, summary, reason }, lookup);
    expect(line('casus.lid', 'hoofdaannemer U-HA')).toBe('01-12-2026 09:14 — Sanne de Wit voegde Joris Bakker toe als hoofdaannemer');
    expect(line('inzet.verwezen', 'ha spic 7 referral #1')).toBe('01-12-2026 09:14 — Sanne de Wit verwees naar De Brug als hoofdaannemer (SPIC 7)');
    expect(line('inzet.gewijzigd', 'ha referral #1 gestart 2030-01-01 -> 2026-03-16', 'typfout')).toBe(
      '01-12-2026 09:14 — Sanne de Wit wijzigde de startdatum van De Brug van 01-01-2030 naar 16-03-2026 — reden: typfout',
    );
    // Someone no longer known, the retention job, and an action from a newer version still read as sentences.
    expect(timelineSentence({ at, platform: 'slack', actorId: 'U-ZZ', action: 'signaal.bevestigd', summary: 'S-1', reason: null }, lookup)).toBe(
      '01-12-2026 09:14 — een oud-lid bevestigde signaal S-1',
    );
    expect(timelineSentence({ at, platform: 'cli', actorId: 'regiebot', action: 'casus.gewist', summary: 'TST-301 na 30 dagen', reason: null }, lookup)).toMatch(
      /— regiebot wiste de inhoud van de casus na de bewaartermijn \(30 dagen na afsluiten\)$/,
    );
    expect(line('afspraak.later', 'A-1')).toMatch(/— Sanne de Wit deed iets wat deze versie van regiebot niet kent$/);
  });
});

describe('the timeline in a case', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await coreHarness({ start: local('2026-03-02 10:00'), env: { RETENTION_DAYS: '30' } });
    for (const [user, line] of [
      ['U-GM', '/casus nieuw TST-302 proefgezin'],
      ['U-GM', `/casus lid ${mentionOf('U-HA')} hoofdaannemer`],
      ['U-GM', `/casus lid ${mentionOf('U-TL')} teamleider`],
      ['U-HA', '/signaal incident hoog vertrouwelijk Moeder vertelde over haar medicatie'],
      ['U-HA', '/signaal wijzig S-1 soort zorg'],
      ['U-HA', '/signaal intrekken S-1 Hoort bij de medicatie van moeder'],
      ['U-GM', '/veiligheid actueel 7 blijvend 6'],
      ['U-GM', '/veiligheid intrekken Verkeerde casus'],
    ] as const) {
      const r = await h.say(user, line);
      if (r.error) throw new Error(`${line}: ${r.message?.text ?? r.message?.title}`);
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('a confidential signal’s correction shows neither its kind nor the reason for withdrawing it', async () => {
    const lines = (await h.say('U-TL', '/casus tijdlijn')).message?.lines ?? [];
    const joined = lines.join('\n');
    expect(joined).toContain('Joris Bakker meldde vertrouwelijk signaal S-1');
    expect(joined).toContain('Joris Bakker wijzigde de soort van vertrouwelijk signaal S-1');
    expect(joined).toContain('Joris Bakker trok vertrouwelijk signaal S-1 in');
    expect(joined).not.toMatch(/incident|zorg|medicatie/i);
    // The reason went to the confidants personally.
    await h.app.flush();
    const directs = await h.app.db.q.select().from(outbox).where(eq(outbox.kind, 'direct'));
    expect(directs.some((d) => d.userId === 'U-GM' && JSON.stringify(d.payload).includes('Hoort bij de medicatie van moeder'))).toBe(true);
  });

  it('the export holds the same sentences as /casus tijdlijn', async () => {
    const lines = (await h.say('U-TL', '/casus tijdlijn')).message?.lines ?? [];
    expect((await h.say('U-GM', '/casus export')).error).toBeFalsy();
    await h.app.flush();
    const kase = (await caseByCode(h.app.db.q, 'TST-302'))!;
    const { exportCase } = await import('../../src/casefile/export.js');
    const file = await exportCase(h.app.db.q, kase, h.clock.now());
    for (const line of lines) expect(file.content).toContain(`- ${line}`);
    expect(file.content).toContain('Sanne de Wit trok de veiligheidsscore actueel 7, blijvend 6 in — reden: Verkeerde casus');
    // The withdrawn records stay in the record, marked.
    expect(file.content).toContain('actueel 7, blijvend 6, Sanne de Wit, ingetrokken op 02-03-2026 10:00');
    expect(file.content).toMatch(/### S-1 vertrouwelijk signaal[\s\S]*ingetrokken op 02-03-2026 10:00/);
  });

  it('retention erases the reasons with the rest of the content; the sentences stay', async () => {
    expect((await h.say('U-GM', '/casus afsluiten bevestig klaar')).error).toBeFalsy();
    const kase = (await caseByCode(h.app.db.q, 'TST-302'))!;
    await eraseExpiredCases(h.app.db, new Date(h.clock.now().getTime() + 31 * DAY), 30);
    const rows = await h.app.db.q.select().from(auditLog).where(eq(auditLog.caseId, kase.id));
    expect(rows.some((r) => r.action === 'veiligheid.ingetrokken')).toBe(true);
    expect(rows.filter((r) => r.reason !== null)).toEqual([]);
    const lines = (await h.say('U-GM', '/casus tijdlijn')).message?.lines ?? [];
    expect(lines.join('\n')).toContain('Sanne de Wit trok de veiligheidsscore actueel 7, blijvend 6 in');
    expect(lines.join('\n')).not.toContain('Verkeerde casus');
  });
});
