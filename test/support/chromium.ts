/**
 * Debian's Chromium driven by playwright-core (never `playwright install`). WebGL runs on
 * the CPU: Mesa llvmpipe through ANGLE/EGL is several times faster than SwiftShader
 * (PITFALLS.md); `CUR_GL=swiftshader` switches. Background networking is off because this
 * machine has no internet (every such request would be refused and logged).
 */
import { existsSync } from 'node:fs';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';

export function glArgs(): string[] {
  return process.env.CUR_GL === 'swiftshader'
    ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader']
    : ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'];
}

export const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...QUIET_ARGS, ...glArgs(), ...extraArgs] });
}

declare global {
  interface Window {
    /** The wall's diagnostics handle (renderer/wall/WallScreen.tsx). */
    __curWall?: { map: MaplibreMap };
  }
}
