import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// build/after-pack.cjs, the electron-builder hook that flips the Electron fuses. The real
// binary cannot be downloaded here, so the hook runs on a synthetic file carrying a fuse
// wire exactly as Electron lays it out (sentinel, version, length, one byte per fuse), and
// @electron/fuses (the real library) flips it.
interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}
const hook = createRequire(import.meta.url)('../../build/after-pack.cjs') as {
  default(context: AfterPackContext): Promise<void>;
  FUSE_SENTINEL: string;
};

const ENABLE = 0x31;
const DISABLE = 0x30;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cur-afterpack-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const context = (): AfterPackContext => ({
  appOutDir: dir,
  electronPlatformName: 'linux',
  packager: { executableName: 'cur-wall', appInfo: { productFilename: 'CUR Wall' } },
});

/** A file laid out like an Electron binary around its fuse wire, every fuse enabled. */
function fakeElectron(): Buffer {
  return Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(hook.FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.alloc(8, ENABLE), Buffer.alloc(4096, 0x90)]);
}
const wireOf = (file: string): number[] => {
  const bin = readFileSync(file);
  const at = bin.indexOf(hook.FUSE_SENTINEL) + hook.FUSE_SENTINEL.length + 2;
  return [...bin.subarray(at, at + 8)];
};

describe('build/after-pack.cjs', () => {
  it('flips the fuses: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; asar-only, asar integrity and cookie encryption on', async () => {
    writeFileSync(join(dir, 'cur-wall'), fakeElectron());
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await hook.default(context());
    // Wire order (@electron/fuses V1): RunAsNode, EnableCookieEncryption,
    // EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
    // EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
    // LoadBrowserProcessSpecificV8Snapshot (left as built), GrantFileProtocolExtraPrivileges.
    expect(wireOf(join(dir, 'cur-wall'))).toEqual([DISABLE, ENABLE, DISABLE, DISABLE, ENABLE, ENABLE, ENABLE, DISABLE]);
  });

  it('skips a stub binary (the packaging check) with a clear log line', async () => {
    writeFileSync(join(dir, 'cur-wall'), '#!/bin/sh\nexit 1\n');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await hook.default(context());
    expect(log.mock.calls[0]?.[0]).toMatch(/after-pack: SKIPPED flipping Electron fuses: .*cur-wall is a stub/);
    expect(readFileSync(join(dir, 'cur-wall'), 'utf8')).toBe('#!/bin/sh\nexit 1\n');
  });

  it('refuses a large binary without a fuse wire instead of shipping it unflipped', async () => {
    writeFileSync(join(dir, 'cur-wall'), Buffer.alloc(2 * 1024 * 1024, 0x90));
    await expect(hook.default(context())).rejects.toThrow(/has no fuse wire/);
    await expect(hook.default({ ...context(), packager: { executableName: 'missing', appInfo: { productFilename: 'x' } } })).rejects.toThrow(/no executable/);
  });

  it('finds the Windows executable by the product name', async () => {
    writeFileSync(join(dir, 'CUR Wall.exe'), fakeElectron());
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await hook.default({ ...context(), electronPlatformName: 'win32' });
    expect(wireOf(join(dir, 'CUR Wall.exe'))[0]).toBe(DISABLE);
  });
});
