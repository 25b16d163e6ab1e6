/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads loose JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGraph, graphDefaultScope } from './graph.js';

// The fake Graph refuses what Microsoft's services refuse (rules and pages in
// graph.ts): a regression in the bot then fails where it happens.

const tenant = 'tenant-fake-0001';
const app = { clientId: 'app-fake', clientSecret: 'fake-secret' };
const team = '6f1c2b9e-0000-4000-8000-00000000f001';
const privateChannel = '19:prive@thread.tacv2';
const standardChannel = '19:standaard@thread.tacv2';
let graph: FakeGraph;

async function token(form: Record<string, string>, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${graph.loginUrl}/${tenant}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const grant = () => ({ client_id: app.clientId, client_secret: app.clientSecret, scope: graphDefaultScope, grant_type: 'client_credentials' });

async function call(method: string, path: string, bearer?: string, body?: string): Promise<{ status: number; code?: string; message?: string; json: any }> {
  const res = await fetch(`${graph.graphUrl}${path}`, { method, headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, ...(body ? { body } : {}) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  return { status: res.status, code: json?.error?.code, message: json?.error?.message, json };
}

const members = (channel: string) => `/teams/${team}/channels/${encodeURIComponent(channel)}/members`;

beforeAll(async () => {
  graph = await FakeGraph.start({ tenantId: tenant, ...app, roles: ['ChannelMember.ReadWrite.All'] });
  const people = [{ userId: 'user-a', displayName: 'A' }, { userId: 'user-b', displayName: 'B' }];
  graph.addChannel(team, privateChannel, 'private', people);
  graph.addChannel(team, standardChannel, 'standard', people);
});

afterAll(async () => {
  await graph?.close();
});

describe('fake Microsoft identity platform: client credentials', () => {
  it('refuses a wrong secret (401 invalid_client), a scope without /.default, another grant and JSON', async () => {
    expect(await token({ ...grant(), client_secret: 'wrong' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await token({ ...grant(), scope: 'ChannelMember.ReadWrite.All' })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await token({ ...grant(), grant_type: 'password' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await token({ ...grant(), client_id: 'someone-else' })).toMatchObject({ status: 400, body: { error: 'unauthorized_client' } });
    expect((await token(grant(), 'application/json')).status).toBe(400);
    const ok = await token(grant());
    expect(ok).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
  });
});

describe('fake Graph: channel members', () => {
  it('refuses no token, a forged one and an expired one with 401 InvalidAuthenticationToken', async () => {
    expect(await call('GET', members(privateChannel))).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
    const real = String((await token(grant())).body.access_token);
    const [h, p] = real.split('.');
    expect(await call('GET', members(privateChannel), `${h}.${p}.forged`)).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
    graph.expireTokens();
    expect(await call('GET', members(privateChannel), real)).toMatchObject({ status: 401, message: 'Lifetime validation failed, the token is expired.' });
  });

  it('checks the roles in the token: reading is not removing (403)', async () => {
    graph.roles = ['ChannelMember.Read.All'];
    const reader = String((await token(grant())).body.access_token);
    const list = await call('GET', members(privateChannel), reader);
    expect(list.status).toBe(200);
    const id = list.json.value[0].id as string;
    expect(await call('DELETE', `${members(privateChannel)}/${encodeURIComponent(id)}`, reader)).toMatchObject({ status: 403, code: 'Forbidden' });
    graph.roles = [];
    const none = String((await token(grant())).body.access_token);
    expect(await call('GET', members(privateChannel), none)).toMatchObject({ status: 403, code: 'Forbidden' });
    graph.roles = ['ChannelMember.ReadWrite.All'];
  });

  it('removes from a private channel only; refuses a standard channel (400), an unknown membership (404), a body (400), a page over 999', async () => {
    const writer = String((await token(grant())).body.access_token);
    const standard = await call('GET', members(standardChannel), writer);
    expect(await call('DELETE', `${members(standardChannel)}/${encodeURIComponent(standard.json.value[0].id)}`, writer)).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(graph.membersOf(team, standardChannel)).toHaveLength(2);
    expect(await call('DELETE', `${members(privateChannel)}/bm9ib2R5`, writer)).toMatchObject({ status: 404 });
    const list = await call('GET', members(privateChannel), writer);
    const id = encodeURIComponent(list.json.value[1].id);
    expect(await call('DELETE', `${members(privateChannel)}/${id}`, writer, '{}')).toMatchObject({ status: 400 });
    expect((await call('DELETE', `${members(privateChannel)}/${id}`, writer)).status).toBe(204);
    expect(graph.membersOf(team, privateChannel)).toEqual(['user-a']);
    expect((await call('GET', `${members(privateChannel)}?$top=1000`, writer)).status).toBe(400);
    expect((await call('GET', `/teams/00000000-0000-4000-8000-000000000000/channels/${encodeURIComponent(privateChannel)}/members`, writer)).status).toBe(404);
  });
});
