import type { Tx } from '../../db/connection.js';
import type { cases, members } from '../../db/schema.js';
import type { Context, Platform } from '../actors.js';
import type { AuditAction } from '../audit/log.js';
import { audit } from '../audit/log.js';
import type { Day } from '../clock.js';
import type { Settings } from '../config.js';
import type { Message } from './message.js';
import { enqueue } from './outbox.js';
import { touch } from './touched.js';

// The rows straight from the schema (as cases/model.ts names them), so the kernel imports no concept.
type CaseRow = typeof cases.$inferSelect;
type MemberRow = typeof members.$inferSelect;

/**
 * Everything a command handler needs about one case, inside one transaction.
 * State changes, their timeline (audit) entries and the messages they cause
 * are all written through it, so they commit or roll back together.
 */
export class Scope {
  constructor(
    readonly tx: Tx,
    readonly ctx: Context,
    readonly settings: Settings,
    readonly today: Day,
    readonly kase: CaseRow,
    readonly me: MemberRow | undefined,
    public members: MemberRow[],
  ) {
    touch(tx, kase.id);
  }

  /** Messages go where the case lives, whoever caused them. */
  get platform(): Platform {
    return (this.kase.platform as Platform | null) ?? this.ctx.actor.platform;
  }

  get now(): Date {
    return this.ctx.now;
  }

  /** The first post this scope wrote, so the actor's answer can confirm it instead of repeating it (`confirmPosted`). */
  firstPost?: { id: number; platform: Platform; conversationId: string; message: Message };

  /** Posts to the case's own conversation; returns the outbox id. */
  async post(message: Message): Promise<number> {
    const conversationId = this.kase.conversationId ?? this.ctx.conversationId;
    const id = await enqueue(this.tx, { kind: 'post', platform: this.platform, conversationId, caseId: this.kase.id }, message, this.now);
    this.firstPost ??= { id, platform: this.platform, conversationId, message };
    return id;
  }

  /** Replaces an earlier post (by its outbox id). */
  async update(relatedId: number, message: Message): Promise<number> {
    return enqueue(this.tx, { kind: 'update', platform: this.platform, relatedId, caseId: this.kase.id }, message, this.now);
  }

  /** A personal message; `relatedId` points at the channel post it is about. */
  async direct(userId: string, message: Message, relatedId?: number): Promise<number> {
    return enqueue(
      this.tx,
      { kind: 'direct', platform: this.platform, userId, caseId: this.kase.id, ...(relatedId !== undefined ? { relatedId } : {}) },
      message,
      this.now,
    );
  }

  /** `reason`: why a correction was made, as typed (free text, erased with the case's content). */
  async audit(action: AuditAction, summary: string, reason?: string): Promise<void> {
    await audit(this.tx, this.ctx.actor, action, this.kase.id, summary, this.now, reason);
  }
}

export type { CaseRow, MemberRow };
