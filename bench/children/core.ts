// The core alone: `/signaal` through core.handleText, in process, without
// HTTP, Bolt or delivery, on a copy of a generated database. Tells how much
// of a command's cost is the core's own (parsing, the transaction, the card).
// Prints one JSON line.
//
// Usage: tsx bench/children/core.ts --db <file> --cases <n> [--commands 3000]

import { openDatabase } from '../../db/connection.js';
import { setTimeZone, systemClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createCore } from '../../src/core/index.js';
import { rules } from '../../src/scheduled.js';
import { keepDue } from '../../src/scheduler/due.js';
import { createLogger } from '../../src/log.js';
import { caseChannel, haOf } from '../generate.js';
import { arg } from './util.js';

const file = arg('db');
const cases = Number(arg('cases') ?? '1000');
const commands = Number(arg('commands') ?? '3000');
if (!file) throw new Error('usage: core.ts --db <file> --cases <n> [--commands <n>]');
const settings = loadSettings({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
setTimeZone(settings.TIMEZONE);
const db = await openDatabase(settings.DATABASE_URL);
const core = createCore({
  db,
  settings,
  clock: systemClock,
  log: createLogger('silent'),
  provisioner: () => undefined,
  // As src/app.ts wires it: every write keeps the due moments of the case it touched.
  afterWrite: (tx, caseIds, now) => keepDue(tx, rules, caseIds, now, settings),
});
const texts = ['zorg normaal moeder zegt afspraken af, niet bereikbaar', 'veiligheid hoog vader weer in beeld, spanning thuis opgelopen', 'positief laag goede week: vaste bedtijden gehaald'];

async function run(n: number, offset: number) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let k = 0; k < n; k++) {
    const i = ((offset + k) % cases) + 1;
    const reply = await core.handleText(
      { actor: { platform: 'slack', userId: haOf(i), displayName: 'Trajectbegeleider' }, conversationId: caseChannel(i), now: new Date() },
      `/signaal ${texts[k % texts.length]}`,
    );
    if (reply.error) throw new Error(`refused: ${reply.message?.title ?? ''}`);
  }
  const used = process.cpuUsage(cpu);
  return { commands: n, wallMsPerCommand: Math.round(((performance.now() - started) / n) * 1000) / 1000, cpuMsPerCommand: Math.round(((used.user + used.system) / 1000 / n) * 1000) / 1000 };
}

const warm = await run(Math.min(500, commands), 0);
const measured = await run(commands, warm.commands);
await db.close();
process.stdout.write(`${JSON.stringify({ warm, measured })}\n`);
