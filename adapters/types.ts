import type { Db } from '../db/connection.js';
import type { Platform } from '../src/actors.js';
import type { Clock } from '../src/clock.js';
import type { Settings } from '../src/config.js';
import type { CoreApi, Provisioner } from '../src/core/api.js';
import type { Route } from '../src/http/server.js';
import type { Logger } from '../src/log.js';
import type { Outbox } from '../src/outbox/outbox.js';
import type { Deliver } from '../src/outbox/sender.js';

export interface AdapterDeps {
  core: CoreApi;
  settings: Settings;
  clock: Clock;
  log: Logger;
  db: Db;
  outbox: Outbox;
}

/**
 * A chat platform. It only translates: platform events into core calls, core
 * messages into platform messages. The core never sees Slack or Teams.
 */
export interface PlatformAdapter {
  platform: Platform;
  /** Mounted on the one shared HTTP server. */
  routes: Route[];
  /** Delivers one outbox item to the platform. */
  deliver: Deliver;
  /** Provisioning the core asks for (channels, invites). */
  provisioner: Provisioner;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
