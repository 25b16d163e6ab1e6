import type { webApi } from '@slack/bolt';
import { type Deliver, type Logger, type Message, type OutboxItem, Refused } from '../../src/public.js';
import { call, SlackCallError } from './errors.js';
import { fallbackText, mrkdwn, renderMessage, truncate } from './render.js';

type WebClient = webApi.WebClient;

// One outbox item -> the Web API. Every call may throw RateLimited (429) or a
// SlackCallError; the outbox retries either. A step that follows a successful
// post (pinning) never throws, so a retry can never post the message twice.

/**
 * A direct message has no conversation id in the outbox, so its platform id
 * carries the DM channel as well: `D123/1712345678.000100`. Channel posts keep
 * the bare ts. A post whose chart went into its thread as a file adds the
 * file's id, `1712345678.000100#F123`, so retention can delete that file too.
 */
export function directMessageId(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

export function parseMessageRef(conversationId: string | null, platformMessageId: string | null): { channel: string; ts: string; threadFile?: string } | null {
  if (!platformMessageId) return null;
  const [id, threadFile] = platformMessageId.split('#') as [string, string | undefined];
  const slash = id.indexOf('/');
  const ref = slash > 0 ? { channel: id.slice(0, slash), ts: id.slice(slash + 1) } : conversationId ? { channel: conversationId, ts: id } : null;
  return ref && threadFile ? { ...ref, threadFile } : ref;
}

/**
 * `lookup` gives the current platform id of an outbox row: a direct message is
 * often read from the outbox in the same pass as the post it links to, before
 * that post was sent, so its `related` snapshot may still lack the ts.
 */
/**
 * Slack's answers to chat.postMessage / chat.update that no retry changes:
 * the payload itself is refused, or the place it goes to is gone.
 * (docs.slack.dev/reference/methods/chat.postMessage, chat.update: Errors.)
 */
const permanentErrors = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'metadata_must_be_sent_from_app',
  'markdown_text_conflict',
  'is_archived',
  'channel_not_found',
  'cant_update_message',
  'edit_window_closed',
  'message_not_found',
]);

/** Each post carries its outbox id, so a retry after a crash can find it. */
export const outboxEventType = 'regiebot_outbox';

export function createDeliver(client: WebClient, log: Logger, lookup?: (outboxId: number) => Promise<string | null>): Deliver {
  /**
   * An earlier attempt of this item may have reached Slack before a crash: find
   * the message by its outbox id in the channel's recent history.
   */
  async function alreadyPosted(channel: string, item: OutboxItem): Promise<string | undefined> {
    if (!item.uncertainSince) return undefined;
    const oldest = (item.uncertainSince.getTime() / 1000 - 60).toFixed(6);
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await call('conversations.history', () =>
        client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) }),
      );
      for (const m of res.messages ?? []) {
        const meta = m.metadata as { event_type?: string; event_payload?: { outbox_id?: unknown } } | undefined;
        if (meta?.event_type === outboxEventType && Number(meta.event_payload?.outbox_id) === item.id && m.ts) return m.ts;
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }

  async function postToChannel(channel: string, rendered: ReturnType<typeof renderMessage>, item: OutboxItem): Promise<string> {
    const found = await alreadyPosted(channel, item);
    if (found) {
      log.info({ outboxId: item.id, caseId: item.caseId }, 'slack: bericht stond er al (na herstart), niet opnieuw verstuurd');
      return found;
    }
    const args = {
      channel,
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: outboxEventType, event_payload: { outbox_id: item.id } },
    };
    try {
      const res = await call('chat.postMessage', () => client.chat.postMessage(args));
      return String(res.ts);
    } catch (err) {
      // A public channel the bot was never added to: join it and try once more.
      if (err instanceof SlackCallError && err.slackError === 'not_in_channel') {
        await call('conversations.join', () => client.conversations.join({ channel }));
        const res = await call('chat.postMessage', () => client.chat.postMessage(args));
        return String(res.ts);
      }
      throw err;
    }
  }

  async function pin(channel: string, ts: string, item: OutboxItem): Promise<void> {
    try {
      await call('pins.add', () => client.pins.add({ channel, timestamp: ts }));
    } catch (err) {
      if (err instanceof SlackCallError && err.slackError === 'already_pinned') return;
      log.warn({ outboxId: item.id, caseId: item.caseId, error: (err as Error).message }, 'slack: vastpinnen mislukt');
    }
  }

  async function permalink(item: OutboxItem): Promise<string | undefined> {
    const related = item.related;
    const platformMessageId = related ? (related.platformMessageId ?? (await lookup?.(related.id)) ?? null) : null;
    const ref = related ? parseMessageRef(related.conversationId, platformMessageId) : null;
    if (!ref) return undefined;
    try {
      const res = await call('chat.getPermalink', () => client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }));
      return typeof res.permalink === 'string' ? res.permalink : undefined;
    } catch (err) {
      if (err instanceof SlackCallError) {
        // The DM still matters more than its link.
        log.warn({ outboxId: item.id, caseId: item.caseId, error: err.message }, 'slack: permalink niet beschikbaar');
        return undefined;
      }
      throw err;
    }
  }

  /**
   * A message with a file (the dossier export) or a picture (the safety chart)
   * is one file share: the message becomes the file's comment. Nothing is
   * visible until the last step, so a retry never shows the message twice.
   */
  async function share(channel: string, message: Message, footer?: string): Promise<string> {
    const file = { bytes: Buffer.from(message.attachment!.content, 'utf8'), filename: message.attachment!.filename };
    const comment = [fallbackText(message), ...(message.fields ?? []).map((f) => `*${mrkdwn(f.label)}*: ${mrkdwn(f.value)}`), ...(message.lines ?? []).map((l) => `• ${mrkdwn(l)}`)];
    if (message.context) comment.push(mrkdwn(message.context));
    if (footer) comment.push(footer);
    const res = await call('files.uploadV2', () =>
      client.filesUploadV2({
        channel_id: channel,
        file: file.bytes,
        filename: file.filename,
        title: truncate(file.filename, 250),
        initial_comment: truncate(comment.join('\n'), 3900),
      }),
    );
    const files = (res as { files?: Array<{ files?: Array<{ id?: string }> }> }).files ?? [];
    const id = files[0]?.files?.[0]?.id;
    return `file:${id ?? 'onbekend'}`;
  }

  /**
   * A chart goes under its message, in the thread, once the message is posted.
   * Like pinning it never throws: a retry must not post the message twice, and
   * the message already carries the chart's text alternative.
   */
  async function attachImage(channel: string, ts: string, item: OutboxItem): Promise<string | undefined> {
    const image = item.message.image!;
    try {
      // The three upload steps by hand: files.uploadV2 (web-api 8.2) sends the
      // screen-reader text as `alt_text`, while files.getUploadURLExternal
      // documents `alt_txt`, so the chart would reach Slack without it.
      const bytes = Buffer.from(image.png, 'base64');
      const url = (await call('files.getUploadURLExternal', () =>
        client.apiCall('files.getUploadURLExternal', { filename: image.filename, length: bytes.length, alt_txt: truncate(image.alt, 1000) }),
      )) as { upload_url?: string; file_id?: string };
      if (!url.upload_url || !url.file_id) throw new Error('files.getUploadURLExternal gaf geen upload_url');
      const uploaded = await fetch(url.upload_url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes, signal: AbortSignal.timeout(10_000) });
      if (!uploaded.ok) throw new Error(`upload mislukt: HTTP ${uploaded.status}`);
      await call('files.completeUploadExternal', () =>
        client.files.completeUploadExternal({ files: [{ id: url.file_id!, title: truncate(item.message.title, 250) }], channel_id: channel, thread_ts: ts }),
      );
      return url.file_id;
    } catch (err) {
      log.warn({ outboxId: item.id, caseId: item.caseId, error: (err as Error).message }, 'slack: grafiek niet geplaatst');
      return undefined;
    }
  }

  /**
   * Runs a retention call. Slack's "already gone" counts as done; a refusal
   * that no retry can change is Refused (dead-lettered, counted in /healthz);
   * anything else is thrown as it is, so the outbox tries again.
   */
  async function retentionCall(method: string, fn: () => Promise<unknown>, gone: string[], refused: string[], item: OutboxItem): Promise<void> {
    try {
      await call(method, fn);
    } catch (err) {
      if (!(err instanceof SlackCallError)) throw err;
      if (gone.includes(err.slackError)) return;
      if (refused.includes(err.slackError)) {
        const what = item.kind === 'archive' ? 'slack: bewaartermijn: kanaal niet gearchiveerd' : 'slack: bewaartermijn: niet verwijderd';
        log.warn({ outboxId: item.id, relatedId: item.related?.id, caseId: item.caseId, method, error: err.slackError }, what);
        throw new Refused(err.message);
      }
      throw err;
    }
  }

  /**
   * A payload Slack will never take (`invalid_blocks`, `msg_too_long`, …) or a
   * message that can no longer be posted or changed (an archived channel, a
   * deleted message) is refused for good: dead-lettered at once instead of
   * tried OUTBOX_MAX_ATTEMPTS times.
   */
  return async function deliver(item: OutboxItem): Promise<string | null> {
    try {
      return await deliverOnce(item);
    } catch (err) {
      if (err instanceof SlackCallError && permanentErrors.has(err.slackError)) {
        log.warn({ outboxId: item.id, caseId: item.caseId, kind: item.kind, method: err.method, error: err.slackError }, 'slack: bericht geweigerd, niet opnieuw geprobeerd');
        throw new Refused(err.message);
      }
      throw err;
    }
  };

  async function deliverOnce(item: OutboxItem): Promise<string | null> {
    switch (item.kind) {
      case 'delete': {
        // Slack lets a bot token delete only the bot's own messages and files: all of these are.
        const ref = item.related ? parseMessageRef(item.related.conversationId, item.related.platformMessageId) : null;
        if (!ref) throw new Refused(`outbox ${item.id}: het bericht om te verwijderen is onbekend`);
        if (ref.ts.startsWith('file:')) {
          // A file share (the dossier export): deleting the file removes its message too.
          const file = ref.ts.slice('file:'.length);
          if (file === 'onbekend') throw new Refused(`outbox ${item.id}: het bestand om te verwijderen is onbekend`);
          await retentionCall('files.delete', () => client.files.delete({ file }), ['file_not_found', 'file_deleted'], ['cant_delete_file'], item);
          return null;
        }
        if (ref.threadFile) {
          const file = ref.threadFile;
          await retentionCall('files.delete', () => client.files.delete({ file }), ['file_not_found', 'file_deleted'], ['cant_delete_file'], item);
        }
        await retentionCall(
          'chat.delete',
          () => client.chat.delete({ channel: ref.channel, ts: ref.ts }),
          ['message_not_found'],
          ['cant_delete_message', 'compliance_exports_prevent_deletion', 'channel_not_found', 'is_archived'],
          item,
        );
        return null;
      }
      case 'archive': {
        const channel = item.conversationId;
        if (!channel) throw new Refused(`outbox ${item.id}: archiveren zonder kanaal`);
        await retentionCall(
          'conversations.archive',
          () => client.conversations.archive({ channel }),
          ['already_archived'],
          ['channel_not_found', 'cant_archive_general', 'cant_archive_required', 'method_not_supported_for_channel_type', 'restricted_action', 'not_in_channel'],
          item,
        );
        return null;
      }
      case 'post': {
        if (!item.conversationId) throw new Error(`outbox ${item.id}: post zonder kanaal`);
        if (item.message.attachment) return share(item.conversationId, item.message);
        const ts = await postToChannel(item.conversationId, renderMessage(item.message), item);
        if (item.message.pin) await pin(item.conversationId, ts, item);
        const chart = item.message.image && !item.uncertainSince ? await attachImage(item.conversationId, ts, item) : undefined;
        return chart ? `${ts}#${chart}` : ts;
      }
      case 'update': {
        const ref = item.related ? parseMessageRef(item.related.conversationId, item.related.platformMessageId) : null;
        if (!ref) throw new Error(`outbox ${item.id}: het bericht om bij te werken is onbekend`);
        const rendered = renderMessage(item.message);
        await call('chat.update', () => client.chat.update({ channel: ref.channel, ts: ref.ts, text: rendered.text, blocks: rendered.blocks }));
        return item.related?.platformMessageId ?? ref.ts;
      }
      case 'direct': {
        if (!item.userId) throw new Error(`outbox ${item.id}: persoonlijk bericht zonder ontvanger`);
        const userId = item.userId;
        const link = await permalink(item);
        const opened = await call('conversations.open', () => client.conversations.open({ users: userId }));
        const channel = opened.channel?.id;
        if (!channel) throw new SlackCallError('conversations.open', 'no_channel');
        if (item.message.attachment) {
          return directMessageId(channel, await share(channel, item.message, link ? `<${link}|Bekijk het bericht in het casuskanaal>` : undefined));
        }
        const rendered = renderMessage(item.message, link ? { footer: `:link: <${link}|Bekijk het bericht in het casuskanaal>` } : {});
        const text = link ? `${rendered.text}\n<${link}|Bekijk het bericht in het casuskanaal>` : rendered.text;
        return directMessageId(channel, await postToChannel(channel, { ...rendered, text }, item));
      }
    }
  }
}
