import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileLogger, RotatingLog } from './rotating-log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cur-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = () => readdirSync(dir).sort();
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('RotatingLog (real files in a temporary folder)', () => {
  it('appends lines and rotates by size, keeping N files and dropping the oldest', () => {
    const log = new RotatingLog({ dir: join(dir, 'logs'), maxBytes: 1024, maxFiles: 3 });
    const line = (i: number) => `${String(i).padStart(4, '0')} ${'x'.repeat(95)}`; // 100 bytes + newline
    for (let i = 0; i < 35; i++) log.write(line(i));
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['cur-wall.log', 'cur-wall.log.1', 'cur-wall.log.2']);
    const current = readFileSync(log.path, 'utf8').split('\n').filter(Boolean);
    const previous = readFileSync(`${log.path}.1`, 'utf8').split('\n').filter(Boolean);
    const oldest = readFileSync(`${log.path}.2`, 'utf8').split('\n').filter(Boolean);
    // 10 lines of 101 bytes fit in 1024; the 35 lines end up 10 + 10 + 5, in order.
    expect([oldest.length, previous.length, current.length]).toEqual([10, 10, 5]);
    expect(oldest[0]?.slice(0, 4)).toBe('0010');
    expect(current.at(-1)?.slice(0, 4)).toBe('0034');
    for (const f of readdirSync(join(dir, 'logs'))) expect(readFileSync(join(dir, 'logs', f)).length).toBeLessThanOrEqual(1024);
  });

  it('continues an existing file after a restart, counting its size', () => {
    writeFileSync(join(dir, 'cur-wall.log'), 'y'.repeat(1015) + '\n');
    const log = new RotatingLog({ dir, maxBytes: 1024, maxFiles: 2 });
    log.write('after restart');
    expect(files()).toEqual(['cur-wall.log', 'cur-wall.log.1']);
    expect(read('cur-wall.log')).toBe('after restart\n');
  });

  it('keeps a single file by truncating it when maxFiles is 1', () => {
    const log = new RotatingLog({ dir, maxBytes: 1024, maxFiles: 1 });
    for (let i = 0; i < 30; i++) log.write('z'.repeat(99));
    expect(files()).toEqual(['cur-wall.log']);
    expect(read('cur-wall.log').length).toBeLessThanOrEqual(1024);
  });

  it('never throws when the disk fails, reports once, and writes again when it recovers', () => {
    const onError = vi.fn();
    const log = new RotatingLog({ dir: join(dir, 'gone'), onError });
    rmSync(join(dir, 'gone'), { recursive: true });
    writeFileSync(join(dir, 'gone'), 'a file where the folder was');
    log.write('one');
    log.write('two');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatch(/cannot write the log file/);
    rmSync(join(dir, 'gone'));
    const again = new RotatingLog({ dir: join(dir, 'gone'), onError });
    again.write('three');
    expect(readFileSync(again.path, 'utf8')).toBe('three\n');
  });
});

describe('fileLogger', () => {
  it('writes timestamped lines to the file and passes everything to the console', () => {
    const lines: string[] = [];
    const consoleLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const log = fileLogger({ write: (l) => lines.push(l) }, consoleLog, () => new Date('2025-01-31T09:00:00.000Z'));
    log.info('[cur-wall] opened', 'main');
    log.warn('careful', { a: 1 });
    log.error(new Error('boom'));
    expect(consoleLog.info).toHaveBeenCalledWith('[cur-wall] opened', 'main');
    expect(lines[0]).toBe('2025-01-31T09:00:00.000Z INFO [cur-wall] opened main');
    expect(lines[1]).toBe('2025-01-31T09:00:00.000Z WARN careful {"a":1}');
    expect(lines[2]).toMatch(/^2025-01-31T09:00:00.000Z ERROR Error: boom/);
  });
});
