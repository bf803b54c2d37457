import { describe, expect, it } from 'vitest';
import { parseHubArgs } from './cli-options';
import { parseTokens } from './tokens';

describe('hub flags', () => {
  it('has loopback defaults and reads every flag', () => {
    expect(parseHubArgs([])).toMatchObject({ host: '127.0.0.1', port: 8400, source: { type: 'demo' }, data: null, speed: 1 });
    expect(parseHubArgs(['--port', '0', '--data=/tmp/x', '--source', 'replay:rec.ndjson', '--seed', '7', '--speed', '2.5'])).toMatchObject({
      port: 0,
      data: '/tmp/x',
      source: { type: 'replay', file: 'rec.ndjson' },
      seed: 7,
      speed: 2.5,
    });
  });

  it.each([
    [['--port', '70000'], /--port: expected an integer from 0 to 65535/],
    [['--port'], /--port: missing value/],
    [['--speed', 'fast'], /--speed: expected a number/],
    [['--source', 'kafka'], /--source: expected demo, none or replay:FILE/],
    [['--verbose'], /unknown flag "--verbose"/],
    [['--verbose=1'], /unknown flag "--verbose=1"/],
    [['8400'], /unknown flag "8400"/],
    [['-p', '8400'], /unknown flag "-p"/],
    [['--host', '--port', '1'], /--host: missing value/],
    [['--data', '/tmp/x', '--accept-data-loss=yes'], /--accept-data-loss: takes no value/],
    [['--max-entities=0'], /--max-entities: expected an integer from 1/],
    [['--host', '0.0.0.0'], /binds only to loopback/],
  ])('%j → a specific error', (argv, message) => {
    expect(() => parseHubArgs(argv)).toThrow(message);
  });

  it('reads values after = and as the next word, repeats --allow-origin, scales limits, and keeps the last of a repeated flag', () => {
    const o = parseHubArgs([
      '--allow-origin',
      'https://a.example:8400/x',
      '--allow-origin=http://b.example',
      '--snapshot-window-kb=32',
      '--port',
      '1',
      '--port=2',
    ]);
    expect(o.allowOrigins).toEqual(['https://a.example:8400', 'http://b.example']);
    expect(o.limits.snapshotWindowBytes).toBe(32 * 1024);
    expect(o.port).toBe(2);
    expect(parseHubArgs(['--data', '/tmp/x', '--accept-data-loss']).acceptDataLoss).toBe(true);
  });

  it('binds beyond loopback only with a tokens file', () => {
    expect(parseHubArgs(['--host', '0.0.0.0', '--tokens', 't.json']).host).toBe('0.0.0.0');
  });
});

describe('--sources (a federal view, issue 16)', () => {
  it("takes the regions' stream names with --log; the federal hub takes no source of its own", () => {
    const o = parseHubArgs(['--log', 'nats://127.0.0.1:4222', '--stream', 'cur-rf', '--sources', 'cur-21,cur-12']);
    expect(o.sources).toEqual(['cur-21', 'cur-12']);
    expect(o.source).toEqual({ type: 'none' });
    expect(parseHubArgs(['--log', 'nats://a:1', '--sources=cur-21', '--source', 'none']).sources).toEqual(['cur-21']);
    expect(parseHubArgs([]).sources).toBeNull();
  });
  it.each([
    [['--sources', 'cur-21'], /--sources: only with --log/],
    [['--log', 'nats://a:1', '--sources', 'cur-21,cur.12'], /--sources: expected stream names.*"cur\.12"/],
    [['--log', 'nats://a:1', '--sources', 'cur-21,'], /--sources: expected stream names/],
    [['--log', 'nats://a:1', '--sources', 'a'.repeat(33)], /at most 32/],
    [['--log', 'nats://a:1', '--sources', 'cur-21,cur-21'], /"cur-21" is named twice/],
    [['--log', 'nats://a:1', '--stream', 'cur-rf', '--sources', 'cur-rf,cur-21'], /cannot source itself/],
    [['--log', 'nats://a:1', '--sources', 'cur-21', '--source', 'demo'], /--source demo: a federal view/],
    [['--log', 'nats://a:1', '--sources', 'cur-21', '--inbox', '/tmp/in'], /--inbox: a federal view/],
    [['--log', 'nats://a:1', '--sources'], /--sources: missing value/],
  ])('%j is refused with a specific message', (argv, re) => {
    expect(() => parseHubArgs(argv)).toThrow(re);
  });
});

describe('tokens file', () => {
  it('maps tokens to exactly one role each', () => {
    expect([...parseTokens({ 'wall-token-1': 'wall', 'ingest-token': 'ingest' })]).toEqual([
      ['wall-token-1', 'wall'],
      ['ingest-token', 'ingest'],
    ]);
  });
  it.each([
    [[], /expected a JSON object/],
    [{ short: 'wall' }, /shorter than 8/],
    [{ 'long-enough': 'root' }, /role "root" is not one of/],
    [{}, /no tokens/],
  ])('%j is refused', (json, message) => {
    expect(() => parseTokens(json)).toThrow(message);
  });
});
