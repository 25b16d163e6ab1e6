import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { local, startRig, type Rig } from '../helpers/app.js';

// The node-cron wiring: a tick on SCHEDULER_CRON (here with a seconds field)
// runs one sweep at the injected clock's time; start sweeps at once.

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The cron tasks the scheduler registered with node-cron that still exist. */
const sweepTasks = () => [...cron.getTasks().values()].filter((t) => t.name === 'regiebot-sweep');

describe('the tick', () => {
  it('sweeps at start and on every tick, and delivers each item once', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00'), env: { SCHEDULER_CRON: '* * * * * *' } });
    await rig.must('U-GM', '/casus nieuw TST-501');
    const c = await rig.channelOf('TST-501');
    await rig.must('U-GM', '/casus lid <@U-HA|Joris Bakker> hoofdaannemer', c);
    await rig.must('U-HA', '/signaal incident hoog politie aan de deur', c);
    const directs = async () => (await rig!.delivered()).filter((d) => d.userId === 'U-GM' && d.message.title.startsWith('Herinnering'));
    // While the bot was "down" the deadline passed: the first sweep at start delivers it.
    rig.clock.set(local('2026-02-02 14:30'));
    const s = rig.app.scheduler;
    s.start();
    expect(s.started).toBe(true);
    await vi.waitFor(() => expect(s.stats.sweeps).toBeGreaterThanOrEqual(3), { timeout: 8000, interval: 20 });
    await rig.app.flush();
    expect(await directs()).toHaveLength(1);
    await s.stop();
    expect(s.started).toBe(false);
    // Stopped means no cron task is left to fire, rather than "none fired in the next second and a half".
    expect(sweepTasks()).toEqual([]);
    expect(await directs()).toHaveLength(1);
  });

  it('listen() starts the tick when asked, close() stops it', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    const app = await buildApp({
      settings: loadSettings({ ...rig.env, SCHEDULER_CRON: '*/2 * * * * *', LOG_LEVEL: 'silent' }),
      clock: rig.clock,
      log: createLogger('silent'),
      sandbox: true,
      senderIntervalMs: 0,
      scheduler: true,
    });
    await app.listen(0, '127.0.0.1');
    expect(app.scheduler.started).toBe(true);
    await vi.waitFor(() => expect(app.scheduler.stats.sweeps).toBeGreaterThanOrEqual(2), { timeout: 6000, interval: 20 });
    await app.close();
    expect(app.scheduler.started).toBe(false);
  });

  it('does not start the tick by default when the clock is injected', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await rig.app.listen(0, '127.0.0.1');
    expect(rig.app.scheduler.started).toBe(false);
  });

  it('refuses a malformed SCHEDULER_CRON at start, naming the setting', async () => {
    rig = await startRig({ start: local('2026-02-02 10:00') });
    await expect(buildApp({ settings: loadSettings({ ...rig.env, SCHEDULER_CRON: 'elke minuut' }), log: createLogger('silent'), sandbox: true })).rejects.toThrow(
      /SCHEDULER_CRON/,
    );
  });
});
