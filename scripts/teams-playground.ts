import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm run teams:playground`: regiebot in local Teams mode (no token checks,
// loopback only) together with Microsoft 365 Agents Playground, a web page that
// plays Teams for the bot. Everything runs on this computer; the playground is
// started with its telemetry off, so nothing leaves it.
//
//   bot:         http://127.0.0.1:<PORT, default 3978>/api/messages
//   playground:  http://localhost:<PLAYGROUND_PORT, default 56150>
//
// Settings: PORT, PLAYGROUND_PORT, DATABASE_URL (default file:data/teams-playground.db),
// PLAYGROUND_USER (who you are in the playground: sanne, joris, marloes, fatima,
// lotte or piet; default sanne). The playground has one user at a time: to act as
// someone else, stop it and start it again with another PLAYGROUND_USER; the
// bot's database, and so the case, stays.

/** Invented people (never real names): the playground's users. Ids stay the same whoever is "you". */
export const playgroundPeople = [
  { key: 'sanne', name: 'Sanne de Wit', given: 'Sanne', surname: 'de Wit' },
  { key: 'joris', name: 'Joris Bakker', given: 'Joris', surname: 'Bakker' },
  { key: 'marloes', name: 'Marloes Visser', given: 'Marloes', surname: 'Visser' },
  { key: 'fatima', name: 'Fatima El Amrani', given: 'Fatima', surname: 'El Amrani' },
  { key: 'lotte', name: 'Lotte Mulder', given: 'Lotte', surname: 'Mulder' },
  { key: 'piet', name: 'Piet Buiten', given: 'Piet', surname: 'Buiten' },
] as const;

export type PlaygroundPerson = (typeof playgroundPeople)[number]['key'];

/** The playground's .m365agentsplayground.yml: our people, a team with a case channel, a group chat. */
export function playgroundConfig(me: PlaygroundPerson = 'sanne'): string {
  const user = (p: (typeof playgroundPeople)[number], indent: string) => {
    const i = playgroundPeople.indexOf(p);
    return [
      `id: user-id-${i}`,
      `name: ${p.name}`,
      `userPrincipleName: ${p.key}@example.org`,
      `aadObjectId: 00000000-0000-0000-0000-00000000002${i}`,
      `givenName: ${p.given}`,
      `surname: ${p.surname}`,
      `email: ${p.key}@example.org`,
    ].join(`\n${indent}`);
  };
  const current = playgroundPeople.find((p) => p.key === me) ?? playgroundPeople[0];
  const others = playgroundPeople.filter((p) => p !== current);
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000001',
    'bot:',
    '  id: 00000000-0000-0000-0000-00000000000011',
    '  name: regiebot',
    'currentUser:',
    `  ${user(current, '  ')}`,
    'users:',
    ...others.map((p) => `  - ${user(p, '    ')}`),
    'personalChat:',
    '  id: personal-chat-id',
    'groupChat:',
    '  id: group-chat-id',
    '  name: Casusoverleg',
    'team:',
    '  id: team-id',
    '  name: Jeugdbescherming Test',
    '  aadGroupId: 00000000-0000-0000-0000-000000000031',
    '  channels:',
    '    - id: channel-casus-id',
    '      name: casus-test',
    '',
  ].join('\n');
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export interface PlaygroundOptions {
  botPort: number;
  playgroundPort: number;
  databaseUrl: string;
  /** Where the playground may write its devTools/ log folder. */
  workDir: string;
  /** Extra environment for the bot (tests pass LOG_LEVEL). */
  env?: NodeJS.ProcessEnv;
  /** Who "you" are in the playground. */
  me?: PlaygroundPerson;
  stdio?: 'inherit' | 'pipe';
}

export interface Running {
  bot: ChildProcess;
  playground: ChildProcess;
  botUrl: string;
  playgroundUrl: string;
  /** Restarts the playground as someone else; the bot (and its database) keeps running. */
  switchUser(me: PlaygroundPerson): Promise<void>;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} is gestopt (exit ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} reageert niet op ${url}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

export async function startPlayground(options: PlaygroundOptions): Promise<Running> {
  // One process (node with tsx's loader), so that a signal reaches the bot itself.
  const bot = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...options.env,
      TEAMS_INSECURE_LOCAL: '1',
      HOST: '127.0.0.1',
      PORT: String(options.botPort),
      DATABASE_URL: options.databaseUrl,
    },
    stdio: options.stdio ?? 'inherit',
  });
  const botUrl = `http://127.0.0.1:${options.botPort}`;
  try {
    await waitFor(`${botUrl}/healthz`, bot, 'regiebot');
  } catch (err) {
    await stopChild(bot);
    throw err;
  }

  const botEndpoint = `${botUrl}/api/messages`;
  let playground: ChildProcess;
  try {
    playground = await launchPlayground(options, botEndpoint, options.me);
  } catch (err) {
    await stopChild(bot);
    throw err;
  }
  const playgroundUrl = `http://localhost:${options.playgroundPort}`;
  const running: Running = {
    bot,
    playground,
    botUrl,
    playgroundUrl,
    async switchUser(me) {
      await stopChild(running.playground);
      running.playground = await launchPlayground(options, botEndpoint, me);
    },
    async stop() {
      await Promise.all([stopChild(running.playground), stopChild(bot)]);
    },
  };
  return running;
}

async function launchPlayground(options: PlaygroundOptions, botEndpoint: string, me?: PlaygroundPerson): Promise<ChildProcess> {
  mkdirSync(options.workDir, { recursive: true });
  // The playground reads its config from its working folder and logs to devTools/ there.
  writeFileSync(resolve(options.workDir, '.m365agentsplayground.yml'), playgroundConfig(me));
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const playground = spawn(
    process.execPath,
    [cli, '--app-endpoint', botEndpoint, '--channel-id', 'msteams', '--port', String(options.playgroundPort), '--disable-telemetry'],
    { cwd: options.workDir, env: { ...process.env }, stdio: options.stdio ?? 'inherit' },
  );
  try {
    await waitFor(`http://localhost:${options.playgroundPort}`, playground, 'Agents Playground');
    // It listens before it reads its config; a bad config ends it just after.
    await new Promise((r) => setTimeout(r, 500));
    if (playground.exitCode !== null) throw new Error(`Agents Playground is gestopt (exit ${playground.exitCode})`);
  } catch (err) {
    await stopChild(playground);
    throw new Error(`${(err as Error).message}; zie ${resolve(options.workDir, 'devTools/m365agentsplayground.log')}`);
  }
  return playground;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const running = await startPlayground({
    botPort: Number(process.env.PORT ?? 3978),
    playgroundPort: Number(process.env.PLAYGROUND_PORT ?? 56150),
    databaseUrl: process.env.DATABASE_URL ?? 'file:data/teams-playground.db',
    workDir: resolve(root, '.tmp/agents-playground'),
    me: (process.env.PLAYGROUND_USER ?? 'sanne') as PlaygroundPerson,
  });
  console.log(`\nregiebot (lokale Teams-modus): ${running.botUrl}/api/messages`);
  console.log(`Microsoft 365 Agents Playground: open ${running.playgroundUrl} in je browser\n`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const child of [running.bot, running.playground]) {
    child.once('exit', (code) => {
      console.error(`een van de twee processen is gestopt (exit ${code}); de ander stopt ook`);
      stop();
    });
  }
}
