/**
 * How fast one conversation may receive new messages: a token bucket that
 * refills `perSecond` and holds at most `burst`. Slack publishes "1 message
 * per second per channel, short bursts allowed" for chat.postMessage; Teams
 * publishes per bot per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s.
 */
export interface Pace {
  perSecond: number;
  burst: number;
  /**
   * Every call into the conversation counts (Teams: "all requests"), not only
   * new messages (Slack: posting; its updates and deletions are limited per
   * method for the workspace, and a 429 there is honoured per row).
   */
  everyCall?: boolean;
}

/**
 * Slack: one a second, three at once. Slack names no burst size; three keeps
 * a short exchange immediate.
 */
export const slackPace: Pace = { perSecond: 1, burst: 3 };

/** Teams: within 7/1 s, 8/2 s and 60/30 s for one conversation. */
export const teamsPace: Pace = { perSecond: 1, burst: 5, everyCall: true };

/** The pace per platform; the sandbox has none. */
export function platformPace(platform: string): Pace | undefined {
  if (platform === 'slack') return slackPace;
  if (platform === 'teams') return teamsPace;
  return undefined;
}

/** The lane of a conversation, as the outbox sender keys it. */
export function conversationLane(conversationId: string): string {
  return `c:${conversationId}`;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per conversation, on a monotonic clock (a platform counts
 * real time, not the app's clock). Full buckets are forgotten, so the map
 * only holds conversations that were busy a moment ago.
 */
export class Buckets {
  private readonly lanes = new Map<string, Bucket>();

  constructor(
    private readonly pace: Pace,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private refill(lane: string): Bucket {
    const t = this.now();
    const b = this.lanes.get(lane) ?? { tokens: this.pace.burst, at: t };
    b.tokens = Math.min(this.pace.burst, b.tokens + ((t - b.at) / 1000) * this.pace.perSecond);
    b.at = t;
    this.lanes.set(lane, b);
    return b;
  }

  /**
   * Counts one call into the lane. A call made counts even without a token
   * (another caller may have taken it in the meantime): the lane then owes
   * it, and waits that much longer.
   */
  take(lane: string): void {
    this.refill(lane).tokens -= 1;
  }

  /**
   * Makes `call` when the lane has a token, and counts it: for calls into a
   * paced conversation that do not go through the outbox (the answer to a
   * command in a Teams channel), which the platform counts all the same.
   */
  async through<T>(lane: string, call: () => Promise<T>): Promise<T> {
    for (let wait = this.waitMs(lane); wait > 0; wait = this.waitMs(lane)) await new Promise((r) => setTimeout(r, wait));
    this.take(lane);
    try {
      return await call();
    } finally {
      this.settle(lane);
    }
  }

  /** Milliseconds until the lane has a token (0: it has one now). */
  waitMs(lane: string): number {
    const b = this.refill(lane);
    return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) / this.pace.perSecond) * 1000);
  }

  /**
   * The call that took a token is answered. The platform counted it when it
   * arrived, somewhere between the take and now, so the time in between does
   * not refill the bucket: measured from here, the next call can never reach
   * the platform early, however long this one was under way.
   */
  settle(lane: string): void {
    const b = this.lanes.get(lane);
    if (b) b.at = Math.max(b.at, this.now());
  }

  /** The platform said to wait `ms` (Retry-After): no token before then. */
  hold(lane: string, ms: number): void {
    const b = this.refill(lane);
    b.tokens = Math.min(b.tokens, 1 - (ms / 1000) * this.pace.perSecond);
  }

  /** Lanes that have no token now. Forgets lanes that are full again. */
  waiting(): string[] {
    const out: string[] = [];
    for (const lane of [...this.lanes.keys()]) {
      const b = this.refill(lane);
      if (b.tokens >= this.pace.burst) this.lanes.delete(lane);
      else if (b.tokens < 1) out.push(lane);
    }
    return out;
  }
}
