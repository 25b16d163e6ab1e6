import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import { words } from '../commands/words.js';
import { catalog } from '../i18n/index.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import type { Message, Reply } from '../kernel/message.js';
import { referralLabel } from '../referrals/messages.js';
import { referralsOf, statusOf } from '../referrals/model.js';
import { isFinal, resultsOf } from '../results/model.js';
import { openSignalsOf } from '../signals/model.js';
import { texts as signalTexts } from '../signals/messages.js';
import { texts as resultTexts } from '../results/messages.js';

const texts = catalog({
  nl: {
    checkTitle: (code: string) => `Borgingscheck voor het afsluiten van casus ${code}`,
    checkIntro: 'Sluit pas af als het borgingsplan staat en iedereen weet wat er na de afsluiting gebeurt.',
    results: 'Resultaten zonder eindstatus',
    signals: 'Signalen niet bevestigd of niet gesloten',
    referrals: 'Inzet die nog loopt',
    staying: 'Blijft betrokken na afsluiting',
    none: 'geen',
    nothingOpen: 'Er staat niets meer open.',
    confirmHow: (code: string) => `Afsluiten? Druk op "Afsluiten bevestigen" of typ /casus afsluiten bevestig [reden…]. Wat nu open staat, wordt bij casus ${code} vastgelegd.`,
    confirm: 'Afsluiten bevestigen',
    closed: (code: string) => `Casus ${code} is afgesloten`,
    reason: 'Reden',
    openAtClosure: 'Open bij afsluiting',
    followUp: 'Over drie maanden vraagt regiebot de gezinsmanager of het gezin het nog goed maakt (vinger aan de pols).',
  },
  en: {
    checkTitle: (code: string) => `Safeguarding check before closing case ${code}`,
    checkIntro: 'Close only when the safeguarding plan stands and everyone knows what happens after closure.',
    results: 'Results without a final status',
    signals: 'Signals not acknowledged or not closed',
    referrals: 'Referrals still running',
    staying: 'Stays involved after closure',
    none: 'none',
    nothingOpen: 'Nothing is open any more.',
    confirmHow: (code: string) => `Close? Press "Afsluiten bevestigen" or type /casus afsluiten bevestig [reden…]. What is open now is recorded with case ${code}.`,
    confirm: 'Confirm closure',
    closed: (code: string) => `Case ${code} is closed`,
    reason: 'Reason',
    openAtClosure: 'Open at closure',
    followUp: 'In three months regiebot asks the family manager whether the family is still doing well.',
  },
});

export interface OpenAtClosure {
  results: string[];
  signals: string[];
  referrals: string[];
  staying: string[];
}

/** What a closure would leave behind: the borging check. */
export async function borgingCheck(s: Scope): Promise<OpenAtClosure> {
  const w = words();
  const rt = resultTexts();
  const refs = (await referralsOf(s.tx, s.kase.id)).filter((r) => statusOf(r, s.today) !== 'gestopt');
  return {
    results: (await resultsOf(s.tx, s.kase.id))
      .filter((r) => !isFinal(r.status))
      .map((r) => `R-${r.number} (${rt.status[r.status]})`),
    signals: (await openSignalsOf(s.tx, s.kase.id)).map((x) => `S-${x.number} ${x.confidential ? signalTexts().confidentialWord : w.kind[x.kind]} (${x.ackAt ? 'bevestigd, niet gesloten' : 'niet bevestigd'})`),
    referrals: refs.map((r) => `${r.provider} (${referralLabel(r)})`),
    // Providers whose help goes on stay involved; so does anyone with a running referral's role.
    staying: refs.map((r) => r.provider),
  };
}

function checkFields(open: OpenAtClosure): Message['fields'] {
  const t = texts();
  const show = (list: string[]) => (list.length ? list.join('\n') : t.none);
  return [
    { label: t.results, value: show(open.results) },
    { label: t.signals, value: show(open.signals) },
    { label: t.referrals, value: show(open.referrals) },
    { label: t.staying, value: show(open.staying) },
  ];
}

/** `/casus afsluiten` without confirmation: show the check and ask to confirm. Changes nothing. */
export async function closureCheck(s: Scope, reason?: string): Promise<Reply> {
  const t = texts();
  const open = await borgingCheck(s);
  const anything = open.results.length + open.signals.length + open.referrals.length > 0;
  return answer({
    title: t.checkTitle(s.kase.code),
    text: anything ? t.checkIntro : t.nothingOpen,
    fields: checkFields(open),
    context: t.confirmHow(s.kase.code),
    tone: anything ? 'warning' : 'info',
    actions: [{ id: 'case.close', label: t.confirm, value: `${s.kase.id}|${reason ?? ''}`, style: 'danger' }],
  });
}

/** Closes, recording what the borging check found open at that moment. */
export async function confirmClosure(s: Scope, reason?: string): Promise<Reply> {
  const t = texts();
  const open = await borgingCheck(s);
  await s.tx
    .update(cases)
    .set({ status: 'closed', closedAt: s.now, closeReason: reason ?? null, closureOpen: open })
    .where(eq(cases.id, s.kase.id));
  Object.assign(s.kase, { status: 'closed', closedAt: s.now, closeReason: reason ?? null });
  const fields = [...(reason ? [{ label: t.reason, value: reason }] : []), ...(checkFields(open) ?? [])];
  await s.post({ title: t.closed(s.kase.code), fields, context: t.followUp, tone: 'info' });
  await s.audit(
    'casus.afgesloten',
    `${s.kase.code} open: ${open.results.length} resultaten, ${open.signals.length} signalen, ${open.referrals.length} inzet`,
  );
  return answer({ title: t.closed(s.kase.code), tone: 'success' });
}
