import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox } from '../../db/schema.js';
import { sandboxClient, startSandboxApp } from './helpers.js';

// The sandbox goes through the same inbox as Slack and Teams: a command is
// stored, processed after it, and the page gets the answer when it comes
// within a short wait (as before), else 202 and finds the answer by polling.
// Over HTTP on loopback against the real core. Invented codes.

describe('sandbox: the durable inbox', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let api: ReturnType<typeof sandboxClient>;
  let channel = '';

  beforeAll(async () => {
    env = await startSandboxApp();
    api = sandboxClient(env.base);
    const res = await api.command('U-GM', 'C-algemeen', '/casus nieuw INB-071 Gezin Inbox');
    channel = res.switchTo ?? '';
    await api.command('U-GM', channel, '/casus lid @Joris hoofdaannemer');
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('answers a command through the inbox within the wait, and keeps nothing typed in the row', async () => {
    const res = await api.command('U-HA', channel, '/signaal zorg normaal inbox-sandbox-een');
    expect(res.reply.error).toBe(false);
    // One confirmation, its link to the post kept across the inbox.
    expect(res.reply.message?.title).toBe('Geplaatst');
    expect(JSON.stringify(await api.postOf('U-HA', channel, res))).toContain('inbox-sandbox-een');
    const rows = await env.app.db.q.select().from(inbox).where(eq(inbox.platform, 'sandbox'));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.state === 'done' && r.payload === '{}' && r.answeredAt !== null)).toBe(true);
  });

  it('answers 202 with the row id while the processor is held, and the answer reaches the page once it runs', async () => {
    env.app.inbox.stop();
    const held = await api.post('command', { userId: 'U-HA', channelId: channel, text: '/signaal zorg normaal inbox-sandbox-later' });
    expect(held.status).toBe(202);
    const queued = (held.body as unknown as { queued: number }).queued;
    expect(queued).toBeGreaterThan(0);
    // Two requests into one case while held: processed in arrival order.
    const second = await api.post('command', { userId: 'U-HA', channelId: channel, text: '/signaal zorg normaal inbox-sandbox-daarna' });
    expect(second.status).toBe(202);
    await env.app.inbox.drain();
    const mine = await api.messages('U-HA', channel);
    const answers = mine.filter((m) => m.kind === 'ephemeral' && /inbox-sandbox-(later|daarna)/.test(m.typed ?? ''));
    expect(answers.map((m) => m.typed)).toEqual(['/signaal zorg normaal inbox-sandbox-later', '/signaal zorg normaal inbox-sandbox-daarna']);
    const numbers = answers.map((m) => Number(/S-(\d+)/.exec(m.message?.title ?? '')?.[1]));
    expect(numbers[1]).toBe(numbers[0]! + 1);
  });
});
