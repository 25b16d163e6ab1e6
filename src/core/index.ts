import type { Db, Tx } from '../../db/connection.js';
import type { Context } from '../actors.js';
import { audit } from '../audit/log.js';
import { texts as caseTexts } from '../cases/messages.js';
import { activeMembers, caseById, caseByConversation, membershipOf, type CaseRow } from '../cases/model.js';
import { confirmClosure } from '../casefile/closure.js';
import { homeFor } from '../cases/home.js';
import { leaderOf, teamLeaderOf } from '../cases/leader.js';
import { reportLeft } from '../cases/handover.js';
import { holderOf } from '../cases/model.js';
import { refreshCard } from '../casefile/service.js';
import { recordFollowUp } from '../cases/followup.js';
import { dayOf, type Clock } from '../clock.js';
import { allows, type Outside, type Platform } from '../kernel/command.js';
import type { Settings } from '../config.js';
import { words } from '../commands/words.js';
import type { Logger } from '../log.js';
import { members } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import type { ActionId, FormId, Reply } from '../kernel/message.js';
import { bsnFieldRefusal, bsnRefusal, containsBsn, maskMentionLabels } from '../privacy/bsn.js';
import { guardCommand, guardContext, stringsOf } from '../privacy/guard.js';
import { contactWarning, findContactDetails } from '../privacy/contact.js';
import { say } from '../commands/messages.js';
import { answerSilence, isSilenceAction } from '../casefile/scheduled.js';
import { signalById } from '../signals/model.js';
import { acknowledgeById } from '../signals/service.js';
import type { Core, Provisioner } from './api.js';
import { conversations } from './conversations.js';
import { texts as coreTexts } from './messages.js';
import { parseCommand } from './parse.js';
import { commandSchema, entryOf, formEntry, type AnyEntry, type Command } from './registry.js';
import { confirmPosted, refusal, unavailable } from '../kernel/replies.js';
import { faultInfo, isDatabaseFault } from '../../db/faults.js';
import { databaseErrors } from '../metrics/registry.js';
import { Scope } from '../kernel/scope.js';
import { collectTouched, stopCollecting } from '../kernel/touched.js';

export interface CoreDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  log: Logger;
  provisioner: (platform: Context['actor']['platform']) => Provisioner | undefined;
  /**
   * Runs at the end of every write transaction, inside it, with the cases it
   * touched (the scheduler keeps their due moments: src/scheduler/due.ts).
   */
  afterWrite?: (tx: Tx, caseIds: ReadonlySet<number>, now: Date) => Promise<void>;
}

export function createCore(deps: CoreDeps): Core {
  const { db, settings, log } = deps;
  const listeners: Array<() => void> = [];
  const notify = () => {
    for (const l of listeners) l();
  };

  /** A transaction whose touched cases get `afterWrite` before it commits. */
  function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const after = deps.afterWrite;
    if (!after) return db.tx(fn);
    return db.tx(async (tx) => {
      const touched = collectTouched(tx);
      try {
        const result = await fn(tx);
        // Not skipped for a refusal: asking db.changes costs more on PostgreSQL (a scan of its statistics) than keeping one case.
        if (touched.size) await after(tx, touched, deps.clock.now());
        return result;
      } finally {
        stopCollecting(tx);
      }
    });
  }

  /** Runs `fn` in a transaction; tells the senders when it committed. */
  async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await transaction(fn);
    notify();
    return result;
  }

  function noCase(): Reply {
    const t = caseTexts();
    return refusal(t.noCase, t.noCaseHow);
  }

  /** Membership and role checks from the command's entry; undefined when allowed. */
  async function check(s: Scope, role: string | undefined, entry: AnyEntry): Promise<Reply | undefined> {
    const t = caseTexts();
    const kase = s.kase;
    const rule = entry.access;
    if (rule === 'anyone') return undefined;
    if (!role) return refusal(t.refusedTitle, t.notMember(kase.code));
    // A command only the gezinsmanager may use, in a case that has none: say so, not "ask the gezinsmanager".
    if (!allows(rule, role as never) && rule !== 'member' && rule.includes('gezinsmanager') && !holderOf(s.members, 'gezinsmanager')) {
      return refusal(t.refusedTitle, t.noManager(kase.code, (await leaderOf(s.tx, kase, s.members)) !== undefined));
    }
    if (!allows(rule, role as never)) {
      const w = words();
      const who = rule === 'member' ? '' : rule.map((r) => `de ${w.role[r]}`).join(' of ');
      return refusal(t.refusedTitle, t.roleRefused(kase.code, who));
    }
    if (kase.status === 'closed' && entry.mode === 'write') return refusal(t.refusedTitle, t.closedCase(kase.code));
    return undefined;
  }

  async function scopeFor(tx: Tx, ctx: Context, kase: CaseRow): Promise<Scope> {
    const me = await membershipOf(tx, kase.id, ctx.actor.platform, ctx.actor.userId);
    return new Scope(tx, ctx, settings, dayOf(ctx.now), kase, me, await activeMembers(tx, kase.id));
  }

  /**
   * The actor's role in the case: their membership, or, for the teamleider of
   * the case's basisteam who was never added to it, teamleider (one per team,
   * not per case).
   */
  async function roleOf(tx: Tx, s: Scope): Promise<string | undefined> {
    if (s.me) return s.me.role;
    const leader = await teamLeaderOf(tx, s.kase);
    return leader?.userId === s.ctx.actor.userId && s.ctx.actor.platform === s.platform ? 'teamleider' : undefined;
  }

  const { newCase, linkHere, followMembership } = conversations({ db, log, provisioner: deps.provisioner, write, scopeFor });


  /** Runs a handler; when it changed anything, the pinned card follows. */
  async function refreshingCard(s: Scope, fn: () => Promise<Reply>): Promise<Reply> {
    const before = await db.changes(s.tx);
    const reply = await fn();
    if (!reply.error && (await db.changes(s.tx)) !== before) await refreshCard(s);
    return reply;
  }

  /** The platform's part in a case command: a removal it cannot do itself is a manual step. */
  function platformFor(s: Scope): Platform {
    const provisioner = deps.provisioner(s.ctx.actor.platform);
    const manual = provisioner && !provisioner.remove ? provisioner.manualRemoval?.bind(provisioner) : undefined;
    return manual ? { manualRemoval: (who) => manual(s.ctx.conversationId, who) } : {};
  }

  function outside(ctx: Context): Outside {
    return { ctx, db, settings, write, newCase: (code, title) => newCase(ctx, code, title), linkHere: (code) => linkHere(ctx, code) };
  }

  /** Access, transaction and card follow from the command's registry entry. */
  async function handleCommand(ctx: Context, command: Command): Promise<Reply> {
    const entry = entryOf(command.name);
    if (entry.mode === 'outside') return entry.handler(outside(ctx), command);
    const { mode, membership } = entry;
    const body = async (tx: Tx): Promise<Reply> => {
      const kase = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (!kase) return noCase();
      const s = await scopeFor(tx, ctx, kase);
      const denied = await check(s, await roleOf(tx, s), entry);
      if (denied) {
        log.info({ platform: ctx.actor.platform, command: command.name, caseCode: kase.code, refused: true }, 'command refused');
        return denied;
      }
      const run = async () => confirmPosted(s, await entry.handler(s, command, platformFor(s)));
      const reply = mode === 'write' ? await refreshingCard(s, run) : await run();
      // Codes and names of commands only: never the text people typed.
      log.info({ platform: ctx.actor.platform, command: command.name, caseCode: kase.code, refused: Boolean(reply.error) }, 'command');
      return reply;
    };
    if (mode === 'read') return body(db.q);
    if (!membership) return write(body);
    // The new member is let into the channel before its messages go out.
    const reply = await transaction(body);
    if (!reply.error) await followMembership(ctx, membership, (command as { userId: string }).userId, reply);
    notify();
    return reply;
  }

  async function handleText(ctx: Context, text: string): Promise<Reply> {
    const reply = await handleLine(ctx, text);
    // A message typed in a Teams channel stays there for every member to read; the bot cannot delete it.
    if (reply.typedVisible && ctx.actor.platform === 'teams' && reply.message) {
      reply.message.lines = [...(reply.message.lines ?? []), reply.typedVisible];
    }
    return reply;
  }

  async function handleLine(ctx: Context, typed: string): Promise<Reply> {
    // A BSN is refused before anything else looks at the text: nothing of it
    // is parsed, stored or logged. A mention label is the platform's name for
    // someone, not typed: one holding a BSN is hidden instead.
    const text = maskMentionLabels(typed);
    if (containsBsn(text)) return refuseBsn(ctx);
    const parsed = parseCommand(text, { today: dayOf(ctx.now) });
    if (!parsed.ok) return refusal(caseTexts().errorTitle, parsed.error, parsed.usage);
    return withContactWarning(await handleCommand(ctx, parsed.command), text);
  }

  async function handleAction(ctx: Context, actionId: ActionId, value: string): Promise<Reply> {
    if (isSilenceAction(actionId)) return write((tx) => answerSilence(tx, ctx, settings, actionId, value));
    const [idPart = '', ...rest] = value.split('|');
    const id = Number(idPart);
    if (!Number.isInteger(id) || id <= 0) return refusal(caseTexts().errorTitle, coreTexts().unknownAction);
    switch (actionId) {
      case 'signal.ack':
        return write(async (tx) => {
          const signalCase = await caseForSignal(tx, id);
          if (!signalCase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, signalCase);
          const denied = await check(s, await roleOf(tx, s), entryOf('signaal.bevestig'));
          if (denied) return denied;
          return refreshingCard(s, () => acknowledgeById(s, id));
        });
      case 'case.close':
        return write(async (tx) => {
          const kase = await caseById(tx, id);
          if (!kase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, kase);
          const denied = await check(s, await roleOf(tx, s), entryOf('casus.afsluiten'));
          if (denied) return denied;
          const reason = rest.join('|').trim();
          return refreshingCard(s, async () => confirmPosted(s, await confirmClosure(s, reason || undefined)));
        });
      case 'followup.goed':
      case 'followup.zorgen':
        return write(async (tx) => {
          const kase = await caseById(tx, id);
          if (!kase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, kase);
          // The case is closed by now: only its gezinsmanager or teamleider answers.
          if (s.me?.role !== 'gezinsmanager' && s.me?.role !== 'teamleider') {
            return refusal(caseTexts().refusedTitle, caseTexts().roleRefused(kase.code, caseTexts().gmOrTl));
          }
          return recordFollowUp(s, actionId === 'followup.goed' ? 'goed' : 'zorgen');
        });
      default:
        return refusal(caseTexts().errorTitle, coreTexts().unknownAction);
    }
  }

  /** A form fills in its command's fields directly: no command line in between, so no value can turn into a keyword. */
  async function submitForm(ctx: Context, formId: FormId, values: Record<string, string>): Promise<Reply> {
    // Every field is checked for a BSN, including those no command carries.
    const withBsn = Object.keys(values).filter((k) => containsBsn(values[k]!));
    if (withBsn.length) {
      const refused = await refuseBsn(ctx);
      // The number is not sent back: those fields come back empty, with the reason under them.
      const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !withBsn.includes(k)));
      return keepForm(ctx, formId, { ...kept, ...Object.fromEntries(withBsn.map((k) => [k, ''])) }, refused, Object.fromEntries(withBsn.map((k) => [k, bsnFieldRefusal()])));
    }
    const entry = formEntry(formId);
    if (!entry?.form) return refusal(caseTexts().errorTitle, coreTexts().unknownForm);
    const read = entry.form.read(values, dayOf(ctx.now));
    // In the form's words: the typed command's usage would only confuse someone filling in fields.
    if (!read.ok) return keepForm(ctx, formId, values, refusal(caseTexts().errorTitle, read.error), read.field ? { [read.field]: read.error } : {});
    const parsed = commandSchema.safeParse({ ...read.fields, name: entry.name });
    if (!parsed.success) return refusal(caseTexts().errorTitle, say().internal);
    const reply = await handleCommand(ctx, parsed.data);
    if (reply.error && !reply.unrecorded) return keepForm(ctx, formId, values, reply, {});
    return withContactWarning(reply, stringsOf(values).join('\n'));
  }

  /**
   * A refused submission keeps the form open with what was typed: the form is
   * opened again as its own `<form>.formulier` command opens it (so its access
   * rule holds), the typed values become the fields' `initial` and the errors
   * go under the fields they are about. Where the form cannot be opened the
   * refusal stands alone.
   */
  async function keepForm(ctx: Context, formId: FormId, values: Record<string, string>, refused: Reply, errors: Record<string, string>): Promise<Reply> {
    // The field the refusal is about, for an adapter that shows one error only (the sandbox's dialog).
    const first = Object.keys(errors)[0];
    if (first) refused = { ...refused, field: first };
    const opener = commandSchema.safeParse({ name: `${formId}.formulier`, ...(values.datum && /^\d{4}-\d{2}-\d{2}$/.test(values.datum) ? { date: values.datum } : {}) });
    if (!opener.success) return refused;
    const opened = await handleCommand(ctx, opener.data);
    if (!opened.form) return refused;
    const fields = opened.form.fields.map((f) => {
      const error = errors[f.name];
      return { ...f, ...(values[f.name] !== undefined ? { initial: values[f.name] } : {}), ...(error ? { error } : {}) };
    });
    return { ...refused, error: true, form: { ...opened.form, fields } };
  }

  async function refuseBsn(ctx: Context): Promise<Reply> {
    await db.tx((tx) => audit(tx, ctx.actor, 'bsn.geweigerd', null, '-', ctx.now));
    return refusal(caseTexts().bsnTitle, bsnRefusal());
  }

  async function memberLeft(ctx: Context): Promise<void> {
    await write(async (tx) => {
      const kase = await caseByConversation(tx, ctx.actor.platform, ctx.conversationId);
      if (!kase) return;
      const s = await scopeFor(tx, ctx, kase);
      if (!s.me) return;
      await tx.update(members).set({ active: false, removedAt: ctx.now }).where(eq(members.id, s.me.id));
      await s.audit('casus.lid-verwijderd', `${s.me.role} ${s.me.userId} kanaal verlaten`);
      s.members = await activeMembers(tx, kase.id);
      await reportLeft(s, s.me);
      await refreshCard(s);
    });
  }

  /**
   * A database that is down is not a bug: the person hears, only for them,
   * that nothing was recorded (the transaction rolled back) and to try again.
   */
  function honest<A extends unknown[]>(what: string, fn: (...args: A) => Promise<Reply>): (...args: A) => Promise<Reply> {
    return async (...args) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (!isDatabaseFault(err)) throw err;
        databaseErrors.inc({ where: 'command' });
        log.warn({ what, err: faultInfo(err) }, 'database unavailable: command not recorded');
        return unavailable();
      }
    };
  }

  // Every entry first hides a display name that holds a BSN, so no name with
  // one is stored in a record or sent in a message.
  return {
    handleText: honest('text', (ctx: Context, text: string) => handleText(guardContext(ctx), text)),
    handleCommand: honest('command', async (ctx: Context, command: Command) => {
      const guarded = guardCommand(command);
      return guarded === 'bsn' ? refuseBsn(guardContext(ctx)) : handleCommand(guardContext(ctx), guarded);
    }),
    // A button's value is the core's own (`id|text`), but a forged one must not get a BSN in either.
    handleAction: honest('action', (ctx: Context, actionId: ActionId, value: string) =>
      value.split('|').some((part) => containsBsn(part)) ? refuseBsn(guardContext(ctx)) : handleAction(guardContext(ctx), actionId, value),
    ),
    submitForm: honest('form', (ctx: Context, formId: FormId, values: Record<string, string>) => submitForm(guardContext(ctx), formId, values)),
    memberLeft: (ctx) => memberLeft(guardContext(ctx)),
    async homeFor(ctx) {
      return homeFor(db.q, guardContext(ctx), settings);
    },
    onOutbox(listener) {
      listeners.push(listener);
    },
  };
}

async function caseForSignal(tx: Tx, signalId: number): Promise<CaseRow | undefined> {
  const signal = await signalById(tx, signalId);
  return signal ? caseById(tx, signal.caseId) : undefined;
}

/** An e-mail address or phone number in what was typed: a reminder that it belongs in the file, not the channel. */
function withContactWarning(reply: Reply, typed: string): Reply {
  const contact = findContactDetails(typed);
  if (!reply.error && reply.message && (contact.email || contact.phone)) {
    reply.message.lines = [...(reply.message.lines ?? []), `${caseTexts().contactWarning}: ${contactWarning(contact)}`];
  }
  return reply;
}
