import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Graph, GraphError } from '../../adapters/teams/graph.js';
import { HOUR, ManualClock } from '../../src/clock.js';
import { FakeGraph } from '../fakes/graph.js';

// The Graph client on its own against the strict fake: what the Teams tests
// do not reach through a chat (a refused sign-in, Graph unreachable, the token
// renewed as its lifetime ends, no Retry-After). Waits are recorded, not slept.

const tenant = 'tenant-client-0001';
const app = { clientId: 'app-client', clientSecret: 'client-secret-not-real' };
const team = '6f1c2b9e-0000-4000-8000-00000000c001';
const channel = '19:prive-client@thread.tacv2';
const user = '0c0c0c0c-0000-4000-8000-0000000000c1';

let fake: FakeGraph;
let clock: ManualClock;
let waits: number[];

function client(overrides: Partial<ConstructorParameters<typeof Graph>[0]> = {}): Graph {
  return new Graph({
    tenantId: tenant,
    ...app,
    loginUrl: fake.loginUrl,
    graphUrl: fake.graphUrl,
    clock,
    wait: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
}

async function failureOf(run: Promise<unknown>): Promise<GraphError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphError);
  return err as GraphError;
}

beforeAll(async () => {
  fake = await FakeGraph.start({ tenantId: tenant, ...app });
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  waits = [];
  fake.calls.length = 0;
  fake.addChannel(team, channel, 'private', [{ userId: user, displayName: 'Iemand' }]);
});

describe('Graph client', () => {
  it('a refused sign-in (wrong secret) is a signin failure, and Graph is never called', async () => {
    const err = await failureOf(client({ clientSecret: 'wrong' }).removeChannelMember(team, channel, user));
    expect(err).toMatchObject({ failure: 'signin', status: 401, code: 'invalid_client' });
    expect(err.message).not.toContain('wrong');
    expect(fake.callsOf('graph')).toEqual([]);
  });

  it('Graph unreachable is unavailable', async () => {
    const err = await failureOf(client({ graphUrl: 'http://127.0.0.1:9/v1.0' }).removeChannelMember(team, channel, user));
    expect(err.failure).toBe('unavailable');
  });

  it('keeps the token while it is valid and signs in again when its hour is nearly over', async () => {
    const graph = client();
    expect(await graph.removeChannelMember(team, channel, user)).toBe('removed');
    expect(await graph.removeChannelMember(team, channel, user)).toBe('absent');
    expect(fake.callsOf('login')).toHaveLength(1);
    clock.advance(HOUR - 4 * 60_000);
    await graph.removeChannelMember(team, channel, user);
    expect(fake.callsOf('login')).toHaveLength(2);
  });

  it('a 503 without Retry-After is retried after 1 s then 2 s; a Retry-After beyond the wait budget is not waited for', async () => {
    fake.failNext(503, 2, 'GET');
    expect(await client().removeChannelMember(team, channel, user)).toBe('removed');
    expect(waits).toEqual([1000, 2000]);
    waits = [];
    fake.addChannel(team, channel, 'private', [{ userId: user, displayName: 'Iemand' }]);
    fake.throttleNext('120', 1, 'GET');
    expect(await failureOf(client().removeChannelMember(team, channel, user))).toMatchObject({ failure: 'throttled', status: 429 });
    expect(waits).toEqual([]);
  });
});
