/**
 * Debian's Chromium driven by playwright-core (never `playwright install`). WebGL runs on
 * the CPU: Mesa llvmpipe through ANGLE/EGL is several times faster than SwiftShader
 * (PITFALLS.md); `CUR_GL=swiftshader` switches. Background networking is off because this
 * machine has no internet (every such request would be refused and logged). The flags are
 * the launcher's (main/launcher.ts), so tests draw as `npm start`'s windows do.
 */
import { existsSync } from 'node:fs';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_QUIET_ARGS, chromiumGlArgs, type ChromiumGl } from '../../main/launcher';

export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';

/** The GL of the tests' browsers: `CUR_GL=swiftshader`, else ANGLE on EGL (llvmpipe here). */
export const TEST_GL: ChromiumGl = process.env.CUR_GL === 'swiftshader' ? 'swiftshader' : 'egl';

export function glArgs(): string[] {
  return chromiumGlArgs(TEST_GL);
}

export const QUIET_ARGS = ['--no-sandbox', ...CHROMIUM_QUIET_ARGS];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...QUIET_ARGS, ...glArgs(), ...extraArgs] });
}

declare global {
  interface Window {
    /** The wall's diagnostics handle (renderer/wall/WallScreen.tsx). */
    __curWall?: { map: MaplibreMap };
  }
}
