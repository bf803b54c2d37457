import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAFE_SCREEN_BACKGROUND, safeScreenUrl } from '../../main/safe-screen';
import { launchChromium } from '../support/chromium';

// The safe screen in real Chromium (the engine inside Electron): its own CSP lets its clock
// run and blocks nothing it needs; it paints the ЦУР blue, never white or black.
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the safe screen in Chromium', () => {
  it('runs its clock under its own CSP, with no violation, on the ЦУР blue', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(safeScreenUrl('r1c2'));

    const first = await page.textContent('#clock');
    expect(first).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(await page.textContent('#date')).toMatch(/\d{4}/);
    await page.waitForFunction((t) => document.getElementById('clock')?.textContent !== t, first, { timeout: 5_000 });
    expect(problems).toEqual([]);

    const png = PNG.sync.read(await page.screenshot());
    const hex = (x: number, y: number) => {
      const i = (png.width * y + x) * 4;
      return `#${[png.data[i], png.data[i + 1], png.data[i + 2]].map((v) => v!.toString(16).padStart(2, '0')).join('')}`;
    };
    for (const [x, y] of [
      [5, 5],
      [1914, 5],
      [5, 1074],
      [1914, 1074],
    ] as const)
      expect(hex(x, y)).toBe(SAFE_SCREEN_BACKGROUND);
    await page.close();
  });
});
