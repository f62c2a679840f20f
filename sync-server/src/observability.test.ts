// Health, metrics and logs: what an operator sees, and what they must never see.
import { describe, expect, it } from 'vitest';
import {
  entries,
  HttpRefusal,
  PASSWORD,
  rawClient,
  startTestServer,
  synced,
  until,
} from './testing/harness.ts';

describe('GET /healthz', () => {
  it('answers ok', async () => {
    const t = await startTestServer();
    const res = await t.fetch('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /metrics', () => {
  it('reports connections, documents, updates, bytes, compactions and auth failures — and no names', async () => {
    const t = await startTestServer({ compactUpdates: 5 });
    const alice = await t.user('alice');
    const p = t.provider(alice, 'bills');
    await synced(p);
    for (let i = 0; i < 8; i++) p.doc.getMap('records').set(`k${i}`, i);
    const witness = t.provider(alice, 'bills');
    await synced(witness);
    await until(
      witness.doc,
      (d) => Object.keys(entries(d)).length === 8,
      'every edit relayed (committed)',
    );
    await rawClient(t.syncUrl, 'bills', 'tly_bogus').catch((e: unknown) =>
      expect(e).toBeInstanceOf(HttpRefusal),
    );
    const text = await (await t.fetch('/metrics')).text();
    const value = (name: string): number =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('tally_connections')).toBe(2);
    expect(value('tally_docs_loaded')).toBe(1);
    expect(value('tally_updates_total')).toBeGreaterThanOrEqual(1);
    expect(value('tally_stored_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^tally_auth_failures_total\{reason="invalid"\} 1$/m);
    expect(text).toMatch(/^tally_compactions_total/m);
    expect(text).toMatch(/^tally_process_resident_memory_bytes/m);
    expect(text).not.toMatch(/alice|bills/);
  });

  it('can require a token', async () => {
    const t = await startTestServer({ metricsToken: 'scrape-secret' });
    expect((await t.fetch('/metrics')).status).toBe(401);
    expect((await t.fetch('/metrics', { token: 'wrong' })).status).toBe(401);
    expect((await t.fetch('/metrics', { token: 'scrape-secret' })).status).toBe(200);
  });
});

describe('logs', () => {
  async function exercise(logClientAddresses: boolean) {
    const t = await startTestServer({ logClientAddresses });
    const alice = await t.user('alice');
    const p = t.provider(alice, 'bills');
    await synced(p);
    const viaQuery = await rawClient(t.syncUrl, 'time', undefined, {
      query: `?token=${alice.token}&secret=hunter2`,
    });
    viaQuery.ws.close();
    await t.fetch('/api/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'alice', password: 'wrong horse battery', deviceName: 'x' }),
    });
    const res = await t.fetch('/api/devices?apikey=topsecret', { token: alice.token });
    await t.fetch('/no/such/page?q=private');
    await rawClient(t.syncUrl, 'bills', undefined).catch(() => undefined);
    return { t, alice, requestId: res.headers.get('x-request-id') };
  }

  it('never contain tokens, passwords, query strings or client addresses', async () => {
    const { t, alice, requestId } = await exercise(false);
    const text = t.logText();
    for (const secret of [
      alice.token,
      PASSWORD,
      'wrong horse battery',
      'hunter2',
      'topsecret',
      'private',
      'token=',
    ]) {
      expect(text).not.toContain(secret);
    }
    const lines = t.logs.filter((l) => l.msg !== 'listening'); // the server's own address
    expect(JSON.stringify(lines)).not.toContain('127.0.0.1');
    // Structured, with request ids that match the response header.
    const entry = t.logs.find((l) => l.msg === 'request' && l.path === '/api/devices');
    expect(entry).toMatchObject({ method: 'GET', status: 200, reqId: requestId });
    expect(typeof entry?.ms).toBe('number');
    expect(entry?.level).toBe('info');
  });

  it('contain client addresses when the operator asks for them', async () => {
    const { t } = await exercise(true);
    const entry = t.logs.find((l) => l.msg === 'request' && l.path === '/api/devices');
    expect(entry?.address).toBe('127.0.0.1');
  });
});
