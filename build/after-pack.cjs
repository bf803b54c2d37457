// electron-builder `afterPack` hook (electron-builder.yml): flips the Electron fuses of the
// packaged binary, before electron-builder signs it (flipping after signing would break the
// signature). https://www.electronjs.org/docs/latest/tutorial/fuses
//
// - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the wall app into a plain Node.js.
// - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS cannot inject code.
// - EnableNodeCliInspectArguments off: --inspect / --inspect-brk cannot open a debugger.
// - OnlyLoadAppFromAsar on: the app is loaded from app.asar only, never from a folder beside it.
// - EnableEmbeddedAsarIntegrityValidation on: app.asar is checked against the hash embedded
//   in the binary (enforced on Windows and macOS; Electron does not implement it on Linux,
//   where the flag is inert: the package manager's file hashes are the integrity check there).
// - GrantFileProtocolExtraPrivileges off: the app never loads file:// pages.
// - EnableCookieEncryption on: cookies at rest are encrypted with the OS key store.
//
// With a stub binary (scripts/check-package.mjs packages against a fake `electron` file, since
// the real one cannot be downloaded in CI) there are no fuses to flip: the hook says so and
// skips. A real Electron binary always carries the fuse sentinel, so a binary without it that
// is not a tiny stub is an error, never a silent skip.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook, loaded by electron-builder with require() */

const { existsSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

/** Marks the fuse wire in every Electron binary (@electron/fuses looks for the same bytes). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A real Electron binary is well over 100 MB; anything this small is a stub. */
const STUB_MAX_BYTES = 1024 * 1024;

/** Path of the packaged executable for the platform electron-builder just packed. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
}

/** The fuses we want, as @electron/fuses options. */
function fuseConfig(fuses) {
  const { FuseVersion, FuseV1Options } = fuses;
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
  };
}

/** 'real' | 'stub': whether the file is a real Electron binary with a fuse wire. */
function binaryKind(file) {
  if (!existsSync(file)) throw new Error(`after-pack: no executable at ${file}`);
  const target = file.endsWith('.app') ? path.join(file, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework') : file;
  const size = statSync(target).size;
  const hasSentinel = readFileSync(target).includes(Buffer.from(FUSE_SENTINEL));
  if (hasSentinel) return 'real';
  if (size <= STUB_MAX_BYTES) return 'stub';
  throw new Error(`after-pack: ${target} (${size} bytes) has no fuse wire: not an Electron binary?`);
}

exports.default = async function afterPack(context) {
  const exe = executablePath(context);
  if (binaryKind(exe) === 'stub') {
    console.log(`  • after-pack: SKIPPED flipping Electron fuses: ${exe} is a stub, not an Electron binary (packaging check without a download). A real build flips them.`);
    return;
  }
  const fuses = require('@electron/fuses');
  await fuses.flipFuses(exe, fuseConfig(fuses));
  const wire = await fuses.getCurrentFuseWire(exe);
  console.log(`  • after-pack: Electron fuses flipped in ${exe}: ${JSON.stringify(wire)}`);
};

// For tests.
exports.fuseConfig = fuseConfig;
exports.binaryKind = binaryKind;
exports.executablePath = executablePath;
exports.FUSE_SENTINEL = FUSE_SENTINEL;
