import { describe, expect, it } from 'vitest';
import { parseWallLayout } from '../app/wall/wall-layout';
import { checkHubTransport, isLoopbackHostname } from './hub-url-policy';

describe('checkHubTransport', () => {
  it.each([
    'http://127.0.0.1:8400',
    'http://127.3.2.1',
    'http://localhost:8400',
    'http://LOCALHOST',
    'http://[::1]:8400',
    'ws://127.0.0.1:8400',
    'http://[::ffff:127.0.0.1]:8400',
  ])('allows the loopback hub %s over plain http/ws, without a warning', (url) => {
    expect(checkHubTransport(url, false)).toEqual({ ok: true, warning: null });
  });

  it.each(['https://10.0.0.5:8400', 'https://cur.example/wall', 'https://127.0.0.1:8400', 'wss://10.0.0.5'])('allows %s (TLS) anywhere', (url) => {
    expect(checkHubTransport(url, false)).toEqual({ ok: true, warning: null });
  });

  it.each([
    'http://10.0.0.5:8400',
    'http://cur.example',
    'ws://10.0.0.5:8400',
    'http://[fe80::1]:8400',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
  ])('refuses %s over plain http/ws, in Russian and English, naming the hub and the two ways out', (url) => {
    const d = checkHubTransport(url, false);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    const origin = new URL(url).origin;
    expect(d.message).toContain(`Хаб ${origin} без шифрования`);
    expect(d.message).toContain(`Refused: hub ${origin} over plain http/ws`);
    expect(d.message).toMatch(/https:\/\/ \(хаб с --tls-cert и --tls-key\)/);
    expect(d.message).toContain('"insecure": true');
  });

  it('allows http://10.0.0.5 when the layout says insecure: true, with a warning to log', () => {
    const d = checkHubTransport('http://10.0.0.5:8400', true);
    expect(d).toEqual({
      ok: true,
      warning: expect.stringMatching(
        /^ВНИМАНИЕ: хаб http:\/\/10\.0\.0\.5:8400 без шифрования.* WARNING: hub http:\/\/10\.0\.0\.5:8400 over plain http\/ws, allowed by the layout/,
      ),
    });
    // insecure changes nothing for hubs that never needed it.
    expect(checkHubTransport('https://10.0.0.5', true)).toEqual({ ok: true, warning: null });
    expect(checkHubTransport('http://127.0.0.1:8400', true)).toEqual({ ok: true, warning: null });
  });

  it('refuses what is not an http(s)/ws(s) URL', () => {
    expect(checkHubTransport('not a url', true)).toMatchObject({ ok: false, message: expect.stringContaining('bad hub URL') });
    expect(checkHubTransport('file:///etc/passwd', true)).toMatchObject({ ok: false, message: expect.stringContaining('must be http(s)') });
  });
});

describe('isLoopbackHostname', () => {
  it('knows loopback names and addresses as URL writes them', () => {
    for (const h of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]', '[::ffff:7f00:1]']) expect(isLoopbackHostname(h), h).toBe(true);
    for (const h of ['10.0.0.5', '128.0.0.1', '[::2]', 'localhost.example', '127.0.0.1.example', '0.0.0.0', '[::]'])
      expect(isLoopbackHostname(h), h).toBe(false);
  });
});

describe('the layout\'s "insecure" flag', () => {
  const base = { name: 'Один экран', screens: [{ id: 'main' }] };
  it('is optional (absent = false) and must be a boolean', () => {
    const plain = parseWallLayout(base);
    expect(plain.ok && plain.value.insecure).toBe(undefined);
    const on = parseWallLayout({ ...base, insecure: true });
    expect(on.ok && on.value.insecure).toBe(true);
    expect(parseWallLayout({ ...base, insecure: 'yes' })).toEqual({
      ok: false,
      error: expect.stringContaining('insecure: ожидается true или false / expected a boolean'),
    });
  });
});
