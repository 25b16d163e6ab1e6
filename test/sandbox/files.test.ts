import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { sandboxClient, startSandboxApp } from './helpers.js';

// Pictures and files in the sandbox: the safety chart shows in the card, the
// dossier export comes as a file. Codes are invented.

describe('sandbox: chart and export', () => {
  let ctx: Awaited<ReturnType<typeof startSandboxApp>>;
  let client: ReturnType<typeof sandboxClient>;
  let channel: string;
  beforeAll(async () => {
    ctx = await startSandboxApp();
    client = sandboxClient(ctx.base);
    const created = await client.command('U-GM', 'C-algemeen', '/casus nieuw SBX-050');
    channel = created.switchTo!;
    await client.command('U-GM', channel, '/veiligheid actueel 4 blijvend 3');
    await client.command('U-GM', channel, '/veiligheid actueel 7 blijvend 5');
  });
  afterAll(async () => {
    await ctx.cleanup();
  });

  it('shows the safety chart as a PNG with its alt text', async () => {
    const res = await client.command('U-GM', channel, '/veiligheid grafiek');
    expect(res.reply.error).toBe(false);
    await ctx.app.flush();
    const messages = await client.messages('U-GM', channel);
    const chart = messages.find((m) => m.message?.image)!;
    expect(chart.message!.image!.alt).toContain('SBX-050');
    const png = PNG.sync.read(Buffer.from(chart.message!.image!.png, 'base64'));
    expect([png.width, png.height]).toEqual([800, 380]);
  });

  it('posts the dossier export as a file', async () => {
    await client.command('U-GM', channel, '/casus export');
    await ctx.app.flush();
    const messages = await client.messages('U-GM', channel);
    const file = messages.find((m) => m.message?.attachment)!.message!.attachment!;
    expect(file.filename).toMatch(/^casus-sbx-050-/);
    expect(file.content).toContain('actueel 7, blijvend 5');
  });
});
