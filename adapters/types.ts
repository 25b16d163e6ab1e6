import type { Clock, CoreApi, Db, Deliver, InboxPort, Logger, Outbox, Platform, Provisioner, Route, Settings } from '../src/public.js';

export interface AdapterDeps {
  core: CoreApi;
  settings: Settings;
  clock: Clock;
  log: Logger;
  db: Db;
  outbox: Outbox;
  /** The durable inbox: a request is stored here before its ack and worked off after it. */
  inbox: InboxPort;
  /**
   * Makes a call into a conversation (its id as the outbox names it) at the
   * pace the outbox sender keeps there, and counts it: the platform counts a
   * command's answer with the outbox's messages. Calls at once when unpaced.
   */
  paced?: <T>(platform: Platform, conversationId: string, call: () => Promise<T>) => Promise<T>;
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
