import type { Db, Tx } from '../../db/connection.js';
import type { Context } from '../actors.js';
import { audit } from '../audit/log.js';
import { texts as caseTexts } from '../cases/messages.js';
import { activeMembers, caseById, caseByConversation, membershipOf, type CaseRow } from '../cases/model.js';
import { confirmClosure } from '../cases/closure.js';
import { homeFor } from '../cases/home.js';
import { refreshCard } from '../cases/service.js';
import { recordFollowUp } from '../cases/followup.js';
import { dayOf, type Clock } from '../clock.js';
import { allows, type Outside, type Platform } from '../kernel/command.js';
import type { Settings } from '../config.js';
import { words } from '../i18n/common.js';
import type { Logger } from '../log.js';
import { members } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import type { ActionId, FormId, Reply } from '../kernel/message.js';
import { bsnRefusal, containsBsn, maskMentionLabels } from '../privacy/bsn.js';
import { guardCommand, guardContext, stringsOf } from '../privacy/guard.js';
import { contactWarning, findContactDetails } from '../privacy/contact.js';
import { say } from '../commands/messages.js';
import { answerSilence, isSilenceAction } from '../cases/scheduled.js';
import { signalById } from '../signals/model.js';
import { acknowledgeById } from '../signals/service.js';
import type { Core, Provisioner } from './api.js';
import { conversations } from './conversations.js';
import { texts as coreTexts } from './messages.js';
import { parseCommand } from './parse.js';
import { commandSchema, entryOf, formEntry, type AnyEntry, type Command } from './registry.js';
import { refusal, unavailable } from '../kernel/replies.js';
import { faultInfo, isDatabaseFault } from '../../db/faults.js';
import { Scope } from '../kernel/scope.js';

export interface CoreDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  log: Logger;
  provisioner: (platform: Context['actor']['platform']) => Provisioner | undefined;
}

export function createCore(deps: CoreDeps): Core {
  const { db, settings, log } = deps;
  const listeners: Array<() => void> = [];
  const notify = () => {
    for (const l of listeners) l();
  };

  /** Runs `fn` in a transaction; tells the senders when it committed. */
  async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await db.tx(fn);
    notify();
    return result;
  }

  function noCase(): Reply {
    const t = caseTexts();
    return refusal(t.noCase, t.noCaseHow);
  }

  /** Membership and role checks from the command's entry; undefined when allowed. */
  function check(kase: CaseRow, role: string | undefined, entry: AnyEntry): Reply | undefined {
    const t = caseTexts();
    const rule = entry.access;
    if (rule === 'anyone') return undefined;
    if (!role) return refusal(t.refusedTitle, t.notMember(kase.code));
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
      const denied = check(kase, s.me?.role, entry);
      if (denied) {
        log.info({ platform: ctx.actor.platform, command: command.name, caseCode: kase.code, refused: true }, 'command refused');
        return denied;
      }
      const run = () => entry.handler(s, command, platformFor(s));
      const reply = mode === 'write' ? await refreshingCard(s, run) : await run();
      // Codes and names of commands only: never the text people typed.
      log.info({ platform: ctx.actor.platform, command: command.name, caseCode: kase.code, refused: Boolean(reply.error) }, 'command');
      return reply;
    };
    if (mode === 'read') return body(db.q);
    if (!membership) return write(body);
    // The new member is let into the channel before its messages go out.
    const reply = await db.tx(body);
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
          const denied = check(signalCase, s.me?.role, entryOf('signaal.bevestig'));
          if (denied) return denied;
          return refreshingCard(s, () => acknowledgeById(s, id));
        });
      case 'case.close':
        return write(async (tx) => {
          const kase = await caseById(tx, id);
          if (!kase) return refusal(caseTexts().refusedTitle, caseTexts().noCase);
          const s = await scopeFor(tx, ctx, kase);
          const denied = check(kase, s.me?.role, entryOf('casus.afsluiten'));
          if (denied) return denied;
          const reason = rest.join('|').trim();
          return refreshingCard(s, () => confirmClosure(s, reason || undefined));
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
    // A refusal names the field it is about and speaks in the form's words, not the command's syntax.
    const withBsn = Object.entries(values).find(([, v]) => stringsOf(v).some((s) => containsBsn(s)));
    if (withBsn) return { ...(await refuseBsn(ctx)), field: withBsn[0] };
    const entry = formEntry(formId);
    if (!entry?.form) return refusal(caseTexts().errorTitle, coreTexts().unknownForm);
    const read = entry.form.read(values, dayOf(ctx.now));
    if (!read.ok) return { ...refusal(caseTexts().errorTitle, read.error), ...(read.field ? { field: read.field } : {}) };
    const parsed = commandSchema.safeParse({ ...read.fields, name: entry.name });
    if (!parsed.success) return refusal(caseTexts().errorTitle, say().internal, [entry.usage]);
    return withContactWarning(await handleCommand(ctx, parsed.data), stringsOf(values).join('\n'));
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
