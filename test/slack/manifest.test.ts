import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { topics } from '../../src/commands/types.js';

// manifest/slack.yaml must give a working app when pasted into "Create an app
// from a manifest". The first checks read the file's lines as written; the
// ones against Slack's rules (below) read the parsed YAML.

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

// Slack's own rules for a manifest, from https://docs.slack.dev/reference/app-manifest
// and the JSON schema Slack publishes for it (github.com/slackapi/manifest-schema,
// schemas/manifest.schema.2.0.0.json), read from the parsed YAML.

/* eslint-disable @typescript-eslint/no-explicit-any -- the parsed manifest is checked field by field */
const manifest = parse(text) as any;

/**
 * Bot scopes that exist (https://docs.slack.dev/reference/scopes), the ones an
 * app like this could ask for: a typo here would make Slack refuse the manifest.
 */
const knownBotScopes = new Set([
  'app_mentions:read', 'bookmarks:read', 'bookmarks:write', 'calls:read', 'calls:write', 'channels:history', 'channels:join',
  'channels:manage', 'channels:read', 'channels:write.invites', 'channels:write.topic', 'chat:write', 'chat:write.customize',
  'chat:write.public', 'commands', 'dnd:read', 'emoji:read', 'files:read', 'files:write', 'groups:history', 'groups:read',
  'groups:write', 'groups:write.invites', 'groups:write.topic', 'im:history', 'im:read', 'im:write', 'im:write.topic',
  'incoming-webhook', 'links:read', 'links:write', 'metadata.message:read', 'mpim:history', 'mpim:read', 'mpim:write',
  'mpim:write.topic', 'pins:read', 'pins:write', 'reactions:read', 'reactions:write', 'reminders:read', 'reminders:write',
  'team:read', 'usergroups:read', 'usergroups:write', 'users.profile:read', 'users:read', 'users:read.email', 'users:write',
]);

/**
 * The bot scopes each Web API method needs for what the bot does with it, from
 * its page https://docs.slack.dev/reference/methods/<method> ("Scopes: Bot token").
 * An empty list: the method needs no scope.
 */
const methodScopes: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.getPermalink': [],
  // retention: the bot's own posts only
  'chat.delete': ['chat:write'],
  // private case channels; public channels linked with /casus koppel
  'conversations.create': ['groups:write'],
  'conversations.invite': ['groups:write', 'channels:manage'],
  'conversations.kick': ['groups:write', 'channels:manage'],
  'conversations.join': ['channels:join'],
  'conversations.open': ['im:write'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  // is the channel private? A DM or group DM must be recognised as one, not as a failed check
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.archive': ['groups:write', 'channels:manage'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.delete': ['files:write'],
  'pins.add': ['pins:write'],
  'views.open': [],
  'views.publish': [],
};

/** Events the bot subscribes to, and the scopes each needs (https://docs.slack.dev/reference/events/<event>). */
const eventScopes: Record<string, string[]> = {
  app_home_opened: [],
  member_left_channel: ['channels:read', 'groups:read'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every Web API method the code calls: `client.x.y(`, `apiCall('x.y'`, and what files.uploadV2 calls. */
function calledMethods(): Set<string> {
  const root = new URL('../../', import.meta.url).pathname;
  const found = new Set<string>(['auth.test']);
  for (const file of [...sourceFiles(join(root, 'adapters/slack')), ...sourceFiles(join(root, 'src'))]) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) found.add(`${m[1]}.${m[2]}`);
    for (const m of code.matchAll(/\bapiCall\('([a-zA-Z.]+)'/g)) found.add(m[1]!);
    if (/\bfilesUploadV2\(/.test(code)) ['files.getUploadURLExternal', 'files.completeUploadExternal'].forEach((x) => found.add(x));
  }
  return found;
}

describe('manifest/slack.yaml against Slack\'s manifest rules', () => {
  it('is a version 2 manifest with a display name and descriptions within Slack\'s lengths', () => {
    expect(manifest._metadata.major_version).toBe(2);
    const info = manifest.display_information;
    expect(info.name.length).toBeGreaterThanOrEqual(1);
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(manifest.features.bot_user.display_name.length).toBeGreaterThanOrEqual(1);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });

  it('has at most 50 slash commands, each a valid name with a description ≤ 2000 and a usage hint ≤ 1000', () => {
    const list = manifest.features.slash_commands as any[];
    expect(list.length).toBeLessThanOrEqual(50);
    expect(new Set(list.map((c) => c.command)).size).toBe(list.length);
    for (const c of list) {
      // Slack: a leading slash, 2–32 characters; lowercase letters, digits, - and _ only.
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description.length).toBeGreaterThanOrEqual(1);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      if (c.usage_hint !== undefined) {
        expect(c.usage_hint.length).toBeGreaterThanOrEqual(1);
        expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
      }
      expect(c.url.length).toBeLessThanOrEqual(3000);
      expect(c.should_escape).toBe(true);
      expect(Object.keys(c).every((k) => ['command', 'url', 'description', 'usage_hint', 'should_escape'].includes(k))).toBe(true);
    }
  });

  // The one check of the scopes: each one Slack has, each one needed by a call
  // the code makes or an event it subscribes to, and every one of those granted.
  it('asks for exactly the bot scopes of the Web API methods the code calls and the events it subscribes to', () => {
    const granted = new Set(manifest.oauth_config.scopes.bot as string[]);
    for (const scope of granted) expect(knownBotScopes.has(scope), `${scope} is no Slack bot scope`).toBe(true);
    const called = calledMethods();
    for (const method of called) {
      expect(methodScopes[method], `${method} is called in the code: add its scopes to methodScopes from its docs page`).toBeDefined();
      for (const scope of methodScopes[method]!) expect(granted.has(scope), `${method} needs ${scope}`).toBe(true);
    }
    const events = manifest.settings.event_subscriptions.bot_events as string[];
    for (const event of events) {
      expect(eventScopes[event], event).toBeDefined();
      for (const scope of eventScopes[event]!) expect(granted.has(scope), `${event} needs ${scope}`).toBe(true);
    }
    // And the other way round: every scope asked for is used by something.
    const used = new Set(['commands', ...[...called].flatMap((m) => methodScopes[m] ?? []), ...events.flatMap((e) => eventScopes[e] ?? [])]);
    for (const scope of granted) expect(used.has(scope), `${scope} is asked for but nothing uses it`).toBe(true);
  });
});
