import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema.js';
import { sandboxClient, startSandboxApp, textOf } from './helpers.js';

// A case code must be pseudonymous: a code without a digit can be a name.
// Through the sandbox's JSON API and the real core; invented codes only.

describe('case codes in the sandbox', () => {
  let env: Awaited<ReturnType<typeof startSandboxApp>>;
  let api: ReturnType<typeof sandboxClient>;

  beforeAll(async () => {
    env = await startSandboxApp();
    api = sandboxClient(env.base);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('/casus nieuw with a name is refused with an example, and creates no case and no channel', async () => {
    const res = await api.command('U-GM', 'C-algemeen', '/casus nieuw Jan Jansen');
    expect(res.reply.error).toBe(true);
    const seen = textOf(res.reply.message);
    expect(seen).toContain('Een casuscode moet minstens één cijfer bevatten');
    expect(seen).toContain('/casus nieuw AMS-2041');
    expect(seen).toContain('/casus nieuw <code> [titel…]');
    expect(res.switchTo).toBeUndefined();
    expect(res.channels.map((c) => c.name)).toEqual(['algemeen']);
    await env.app.flush();
    expect(await env.app.db.q.select().from(cases)).toEqual([]);
  });

  it('a code with a digit works as before', async () => {
    const res = await api.command('U-GM', 'C-algemeen', '/casus nieuw AMS-2041');
    expect(res.reply.error).toBe(false);
    expect(res.switchTo).toBe('C-casus-ams-2041');
  });
});
