import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { topics } from '../../src/commands/types.js';

// manifest/slack.yaml must give a working app when pasted into "Create an app
// from a manifest". No YAML parser is installed, so these checks read the
// file's lines; the structure is simple enough for that.

const text = readFileSync(new URL('../../manifest/slack.yaml', import.meta.url), 'utf8');
const lines = text.split('\n').filter((l) => !l.trimStart().startsWith('#'));

/** The slash command entries, each as its `key: value` pairs. */
function commands(): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    const start = /^\s+- command: (\S+)\s*$/.exec(line);
    if (start) {
      current = { command: start[1]! };
      out.push(current);
      continue;
    }
    const kv = /^\s{6}(\w+): (.*)$/.exec(line);
    if (current && kv) current[kv[1]!] = kv[2]!.replace(/^"(.*)"$/, '$1');
    else if (!/^\s{6}/.test(line)) current = undefined;
  }
  return out;
}

function botScopes(): string[] {
  const start = lines.findIndex((l) => /^\s+bot:\s*$/.test(l));
  const scopes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+- ([a-z:.]+)\s*$/.exec(line);
    if (!m) break;
    scopes.push(m[1]!);
  }
  return scopes;
}

describe('manifest/slack.yaml', () => {
  it('declares every command of the contract, escaped, on /slack/events, with a Dutch description', () => {
    const byName = new Map(commands().map((c) => [c.command, c]));
    for (const name of [...topics, 'resultaat', 'escalatie']) {
      const c = byName.get(`/${name}`);
      expect(c, `/${name}`).toBeDefined();
      expect(c?.should_escape).toBe('true');
      expect(c?.url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
      expect(c?.description?.length).toBeGreaterThan(10);
    }
  });

  it('asks for the bot scopes of every Web API call the adapter makes, and no more', () => {
    const needed: Record<string, string[]> = {
      'slash commands': ['commands'],
      'chat.postMessage / chat.update / chat.postEphemeral': ['chat:write'],
      'conversations.create (private) / conversations.invite (private)': ['groups:write'],
      'conversations.invite (public, after /casus koppel)': ['channels:manage'],
      'conversations.join (public team channel)': ['channels:join'],
      'conversations.open (DM to the gezinsmanager)': ['im:write'],
      'pins.add (case card)': ['pins:write'],
      'files.uploadV2 (dossier export)': ['files:write'],
      'member_left_channel (access ends when someone leaves)': ['channels:read', 'groups:read'],
      'conversations.history (no double post after a crash)': ['channels:history', 'groups:history', 'im:history'],
    };
    expect(new Set(botScopes())).toEqual(new Set(Object.values(needed).flat()));
  });

  it('subscribes to the events the adapter listens to', () => {
    expect(text).toMatch(/bot_events:\n\s+- app_home_opened\n\s+- member_left_channel\n/);
  });

  it('turns on interactivity, the home tab and app_home_opened, all on the same URL', () => {
    expect(text).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/[^/]+\/slack\/events/);
    expect(text).toMatch(/event_subscriptions:\n\s+request_url: https:\/\/[^/]+\/slack\/events\n\s+bot_events:\n\s+- app_home_opened/);
    expect(text).toMatch(/home_tab_enabled: true/);
    expect(text).toMatch(/socket_mode_enabled: (true|false)/);
    const urls = new Set(text.match(/https:\/\/[^\s"]+\/slack\/events/g));
    expect(urls.size).toBe(1);
  });

  it('keeps within Slack\'s limits', () => {
    const name = /^\s+name: (.+)$/m.exec(text)?.[1] ?? '';
    const description = /^\s+description: (.+)$/m.exec(text)?.[1] ?? '';
    expect(name.length).toBeLessThanOrEqual(35);
    expect(description.length).toBeLessThanOrEqual(140);
    for (const c of commands()) {
      expect(c.command!.length).toBeLessThanOrEqual(32);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(/display_name: ([a-z0-9._-]+)$/m.test(text)).toBe(true);
  });
});
