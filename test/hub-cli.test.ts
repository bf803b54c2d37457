/**
 * The hub's command line as an operator meets it: the built bundle, real processes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = 'out/hub/cli.js';
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('npm run hub', () => {
  it('exits with code 2 and a specific message on bad flags or a bad tokens file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cur-cli-'));
    const bad = path.join(dir, 'tokens.json');
    writeFileSync(bad, '{"abc": "wall"}');
    for (const [args, message] of [
      [['--port', 'x'], /--port: expected an integer/],
      [['--nope'], /unknown flag/],
      [['--host', '10.0.0.1'], /loopback/],
      [['--tokens', bad], /shorter than 8 characters/],
      [['--tokens', path.join(dir, 'missing.json')], /--tokens .*missing\.json/],
      [['--source', `replay:${bad}`], /not a cur-wall-recording v1 header/],
    ] as const) {
      const r = run(...args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('exits with code 2 on a bad CUR_NATS_KEEP (a configuration mistake, not NATS unreachable)', () => {
    const r = spawnSync(process.execPath, [CLI, '--port', '0', '--source', 'none', '--log', 'nats://127.0.0.1:1'], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, CUR_NATS_KEEP: 'lots' },
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/CUR_NATS_KEEP/);
    expect(r.stderr).not.toMatch(/недоступен/);
  });

  it('prints its URL on a free port with --port 0 and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--source', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        const m = /hub listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(b.toString());
        if (m) resolve(m[1]!);
      });
      child.once('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    expect((await (await fetch(`${url}/healthz`)).json()) as object).toMatchObject({ status: 'ok', headSeq: 0 });
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.once('exit', r))).toBe(0);
  });
});
