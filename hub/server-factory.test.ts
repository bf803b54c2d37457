/**
 * TLS at the hub (issue 10 §4): `--tls-cert/--tls-key` make it serve https + wss. A real hub on
 * port 0 with a self-signed certificate made here by `openssl`, a real socket.io client over
 * wss that trusts exactly that certificate (`ca`), and the CLI run through tsx for the exit
 * codes and the listening line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appeal } from '../test/support/hub-fixture';
import { parseHubArgs } from './cli-options';
import { MemoryFeedLog } from './feed-log';
import { createHubServer, loadTlsFiles } from './server-factory';
import { startHub, type RunningHub } from './start-hub';
import { DEV_TOKENS } from './tokens';

const ROOT = path.resolve(import.meta.dirname, '..');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), 'hub-tls-'));
const file = (name: string) => path.join(dir, name);

/** A self-signed certificate for localhost and 127.0.0.1, valid for a day, and its key. */
function makeCert(name: string): void {
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.crt`),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
}

beforeAll(() => {
  if (!hasOpenssl) return;
  makeCert('a');
  makeCert('b');
  const enc = spawnSync('openssl', ['pkey', '-in', file('a.key'), '-aes256', '-passout', 'pass:secret', '-out', file('enc.key')], { encoding: 'utf8' });
  if (enc.status !== 0) throw new Error(`openssl pkey failed: ${enc.stderr}`);
  writeFileSync(file('junk.pem'), 'not a certificate\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('hub TLS flags', () => {
  it('takes --tls-cert and --tls-key together, or neither', () => {
    expect(parseHubArgs([]).tls).toBeNull();
    expect(parseHubArgs(['--tls-cert', 'c.pem', '--tls-key=k.pem']).tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem' });
    expect(() => parseHubArgs(['--tls-cert', 'c.pem'])).toThrow(/--tls-cert without --tls-key/);
    expect(() => parseHubArgs(['--tls-key', 'k.pem'])).toThrow(/--tls-key without --tls-cert/);
    expect(() => parseHubArgs(['--tls-cert'])).toThrow(/--tls-cert: missing value/);
  });
});

describe.skipIf(!hasOpenssl)('hub over TLS (openssl present)', () => {
  it('loads a certificate and its key; names the file and the reason when they cannot be used', () => {
    expect(loadTlsFiles(file('a.crt'), file('a.key')).cert).toMatch(/BEGIN CERTIFICATE/);
    expect(() => loadTlsFiles(file('missing.crt'), file('a.key'))).toThrow(/^--tls-cert .*missing\.crt: .*cannot read: ENOENT/);
    expect(() => loadTlsFiles(file('a.crt'), file('missing.key'))).toThrow(/^--tls-key .*missing\.key: .*cannot read/);
    expect(() => loadTlsFiles(file('junk.pem'), file('a.key'))).toThrow(/^--tls-cert .*junk\.pem: .*no PEM certificate/);
    expect(() => loadTlsFiles(file('a.crt'), file('a.crt'))).toThrow(/^--tls-key .*a\.crt: .*no PEM private key/);
    expect(() => loadTlsFiles(file('a.crt'), file('enc.key'))).toThrow(/the key is encrypted/);
    expect(() => loadTlsFiles(file('a.crt'), file('b.key'))).toThrow(/do not match or are invalid/);
  });

  it('makes an http server without TLS and an https one with it', () => {
    const plain = createHubServer(() => undefined);
    const tls = createHubServer(() => undefined, loadTlsFiles(file('a.crt'), file('a.key')));
    expect(plain.constructor.name).toBe('Server');
    expect('addContext' in plain).toBe(false);
    expect('addContext' in tls).toBe(true); // a tls.Server
  });

  async function tlsHub(): Promise<RunningHub> {
    const h = await startHub({
      host: '127.0.0.1',
      port: 0,
      log: new MemoryFeedLog(),
      tokens: DEV_TOKENS,
      staticDir: null,
      tls: loadTlsFiles(file('a.crt'), file('a.key')),
    });
    cleanups.push(() => h.close());
    return h;
  }

  function getJson(url: string, ca: string): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      httpsGet(url, { ca }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      }).on('error', reject);
    });
  }

  it('serves https: /healthz answers to a client that trusts the certificate; plain http gets nothing', async () => {
    const h = await tlsHub();
    expect(h.url).toBe(`https://127.0.0.1:${h.port}`);
    const ca = readFileSync(file('a.crt'), 'utf8');
    const r = await getJson(`${h.url}/healthz`, ca);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok' });
    // Another CA (the certificate b): verification fails, so TLS is really checked.
    await expect(getJson(`${h.url}/healthz`, readFileSync(file('b.crt'), 'utf8'))).rejects.toThrow(/self.signed|certificate/i);
    // Plain http to the TLS port: no HTTP answer.
    const plain = await new Promise<string>((resolve) => {
      httpGet(`http://127.0.0.1:${h.port}/healthz`, (res) => resolve(`answered ${res.statusCode}`)).on('error', (e) => resolve(e.message));
    });
    expect(plain).not.toMatch(/^answered 200/);
  });

  it('serves the feed over wss to a socket.io client with the certificate as its CA', async () => {
    const h = await tlsHub();
    await h.hub.publish({ upserts: [appeal()], removes: [] });
    const ca = readFileSync(file('a.crt'), 'utf8');
    const socket: Socket = io(`${h.url}/wall`, { auth: { token: 'dev-wall' }, transports: ['websocket'], reconnection: false, forceNew: true, ca });
    cleanups.push(() => socket.close());
    const hello = await new Promise<unknown>((resolve, reject) => {
      socket.once('feed:hello', resolve);
      socket.once('connect_error', reject);
    });
    expect(hello).toMatchObject({ protocol: 1, headSeq: 1 });
    const snapshot = new Promise<{ seq: number; entities: unknown[] }>((resolve) => socket.once('feed:snapshot', resolve));
    socket.emit('feed:subscribe', {}, () => undefined);
    expect(await snapshot).toMatchObject({ seq: 1, entities: [expect.objectContaining({ kind: 'appeal' })] });

    // A client that does not trust the certificate is refused by its own TLS check.
    const stranger: Socket = io(`${h.url}/wall`, { auth: { token: 'dev-wall' }, transports: ['websocket'], reconnection: false, forceNew: true });
    cleanups.push(() => stranger.close());
    const refused = await new Promise<string>((resolve) => {
      stranger.once('connect', () => resolve('connected'));
      stranger.once('connect_error', (e) => resolve(e.message));
    });
    expect(refused).not.toBe('connected');
  });

  /** Runs the hub CLI (through tsx) until it prints its listening line or exits. */
  function runCli(args: string[]): Promise<{ code: number | null; output: string; listening: string | null }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'hub/cli.ts', '--port', '0', '--source', 'none', ...args], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const onData = (c: Buffer) => {
        output += c.toString('utf8');
        const m = /hub listening on (\S+)/.exec(output);
        if (m) {
          child.kill('SIGTERM');
          resolve({ code: null, output, listening: m[1]! });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => resolve({ code, output, listening: null }));
    });
  }

  it('CLI: prints `hub listening on https://HOST:PORT`; an unreadable or invalid file is a specific message and exit 2', async () => {
    const ok = await runCli(['--tls-cert', file('a.crt'), '--tls-key', file('a.key')]);
    expect(ok.listening, ok.output).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const missing = await runCli(['--tls-cert', file('missing.crt'), '--tls-key', file('a.key')]);
    expect(missing.code, missing.output).toBe(2);
    expect(missing.output).toMatch(/^hub: --tls-cert .*missing\.crt: .*cannot read/m);

    const mismatch = await runCli(['--tls-cert', file('a.crt'), '--tls-key', file('b.key')]);
    expect(mismatch.code, mismatch.output).toBe(2);
    expect(mismatch.output).toMatch(/do not match or are invalid/);

    const half = await runCli(['--tls-cert', file('a.crt')]);
    expect(half.code, half.output).toBe(2);
    expect(half.output).toMatch(/--tls-cert without --tls-key/);
  });
});
