import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/config.js';

// TEAMS_GRAPH_REMOVE and its base URLs, as the process reads them at start.

const app = { TEAMS_CLIENT_ID: 'app-0000-regiebot', TEAMS_CLIENT_SECRET: 'geheim-graph-secret-55', TEAMS_TENANT_ID: 'tenant-test-0001' };

function refusal(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('Graph removal settings', () => {
  it('is off unless asked for', () => {
    expect(loadSettings({ ...app }).TEAMS_GRAPH_REMOVE).toBe(false);
    expect(loadSettings({ ...app, TEAMS_GRAPH_REMOVE: '1' }).TEAMS_GRAPH_REMOVE).toBe(true);
  });

  it('needs the app registration, also in local mode, and says which settings', () => {
    const message = refusal({ TEAMS_INSECURE_LOCAL: '1', TEAMS_GRAPH_REMOVE: '1', TEAMS_CLIENT_ID: app.TEAMS_CLIENT_ID });
    expect(message).toBe(
      'Instelling TEAMS_GRAPH_REMOVE is ongeldig: verwacht 1 of 0, en met 1 ook TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET en TEAMS_TENANT_ID (de app-registratie van de bot).',
    );
  });

  it('sends the secret and tokens over https only (plain http on loopback, for the fakes)', () => {
    const message = refusal({ ...app, TEAMS_GRAPH_REMOVE: '1', TEAMS_LOGIN_URL: 'http://login.example.org', TEAMS_GRAPH_URL: 'http://graph.example.org/v1.0' });
    expect(message.split('\n')).toEqual([
      'Instelling TEAMS_GRAPH_URL is ongeldig: verwacht een https-URL, bijvoorbeeld https://graph.microsoft.com/v1.0.',
      'Instelling TEAMS_LOGIN_URL is ongeldig: verwacht een https-URL, bijvoorbeeld https://login.microsoftonline.com.',
    ]);
    expect(message).not.toContain(app.TEAMS_CLIENT_SECRET);
    const local = loadSettings({ ...app, TEAMS_GRAPH_REMOVE: '1', TEAMS_LOGIN_URL: 'http://127.0.0.1:4000/login', TEAMS_GRAPH_URL: 'https://graph.microsoft.us/v1.0' });
    expect(local.TEAMS_LOGIN_URL).toBe('http://127.0.0.1:4000/login');
  });
});
