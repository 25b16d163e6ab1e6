// The core's public API: everything a platform adapter (adapters/*) may use,
// and nothing else. Adapters import from here only, so the core can move its
// files without touching an adapter, and a look at this file shows what an
// adapter depends on. A new need of an adapter is added here, on purpose.

// Who acts, where, when; what the core answers.
export type { Context, Platform } from './actors.js';
export type { Action, ActionId, Form, FormField, FormId, Message, Reply, Tone } from './kernel/message.js';
export { mentionPattern, plainMentions, toneEmoji } from './kernel/message.js';

// The core itself, and what it may ask of a platform.
export type { ConversationAccess, CoreApi, Provisioner } from './core/api.js';
export { ProvisionError } from './core/api.js';
export { onlyConfirms, unavailable } from './kernel/replies.js';

// The one inbound pipeline: guard, duplicate check, error wrapper, context, reply policy.
export { answerHeader, createInbound, type Inbound } from './inbound/pipeline.js';
export { inboundTexts } from './inbound/messages.js';
export type { InboxPort } from './inbound/processor.js';
export type { InboxRow } from './inbound/inbox.js';

// Outbound: the outbox items an adapter delivers, and how it says "later" or "never".
export type { Outbox, OutboxItem } from './kernel/outbox.js';
export { RateLimited, Refused, type Deliver } from './outbox/sender.js';

// Texts: catalogues (nl + en), cutting to a platform's limits, privacy screening.
export { catalog } from './i18n/index.js';
export { truncateGraphemes } from './text/truncate.js';
export { bsnRefusal, containsBsn, maskMentionLabels, refusedEcho, safeName } from './privacy/bsn.js';

// What the composition root hands an adapter: settings, clock, logger, the shared HTTP server.
export type { Settings } from './config.js';
export type { Clock } from './clock.js';
export type { Logger } from './log.js';
export { readBody, sendJson, type Route } from './http/server.js';

// The database, for the adapters' own tables (Teams' conversation references,
// the sandbox's channels) and for telling an outage from a bug.
export { first, type Db } from '../db/connection.js';
export { isDatabaseFault } from '../db/faults.js';
export { sandboxChannels, sandboxMessages, teamsConversations, teamsUsers } from '../db/schema.js';
