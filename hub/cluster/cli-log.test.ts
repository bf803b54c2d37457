import { describe, expect, it } from 'vitest';
import { parseHubArgs, UsageError } from '../cli-options';
import { natsConnectionFromEnv, natsKeepFromEnv } from './nats-env';

describe('--log nats://… and --stream (issue 16)', () => {
  it('takes one or more nats:// (or tls://) HOST:PORT and a stream name', () => {
    const o = parseHubArgs(['--log', 'nats://127.0.0.1:4222,nats://n2.local:4223,tls://n3:4222', '--stream', 'cur-21']);
    expect(o.natsServers).toEqual(['nats://127.0.0.1:4222', 'nats://n2.local:4223', 'tls://n3:4222']);
    expect(o.stream).toBe('cur-21');
    expect(parseHubArgs([]).natsServers).toBeNull();
  });
  it.each([
    [['--log', 'nats://host'], /--log: expected nats:\/\/HOST:PORT.*"nats:\/\/host"/],
    [['--log', 'http://a:1'], /--log: expected/],
    [['--log', 'nats://a:1,'], /--log: expected/],
    [['--log', 'nats://a:1/x'], /--log: expected/],
    [['--stream', 'x'], /--stream: only with --log/],
    [['--log', 'nats://a:1', '--stream', 'a.b'], /--stream: expected a stream name/],
    [['--log', 'nats://a:1', '--data', '/tmp/x'], /--log and --data/],
  ])('%j is refused with a specific message', (argv, re) => {
    expect(() => parseHubArgs(argv)).toThrow(UsageError);
    expect(() => parseHubArgs(argv)).toThrow(re);
  });
  it('NATS credentials and TLS come from CUR_NATS_*; a missing CA file is named', () => {
    expect(natsConnectionFromEnv({ CUR_NATS_TOKEN: 't0ken' })).toEqual({ token: 't0ken' });
    expect(natsConnectionFromEnv({ CUR_NATS_USER: 'hub', CUR_NATS_PASS: 'pw' })).toEqual({ user: 'hub', pass: 'pw' });
    expect(() => natsConnectionFromEnv({ CUR_NATS_CA: '/nonexistent/ca.crt' })).toThrow(/CUR_NATS_CA \/nonexistent\/ca.crt: no such file/);
  });
  it('CUR_NATS_KEEP: a number of changes, "off", or unset (the default)', () => {
    expect(natsKeepFromEnv({})).toBeUndefined();
    expect(natsKeepFromEnv({ CUR_NATS_KEEP: '20000' })).toBe(20_000);
    expect(natsKeepFromEnv({ CUR_NATS_KEEP: '0' })).toBe(0);
    expect(natsKeepFromEnv({ CUR_NATS_KEEP: 'off' })).toBeNull();
    expect(() => natsKeepFromEnv({ CUR_NATS_KEEP: '-5' })).toThrow(/CUR_NATS_KEEP: expected a number/);
    expect(() => natsKeepFromEnv({ CUR_NATS_KEEP: '1e5' })).toThrow(/CUR_NATS_KEEP/);
  });
});
