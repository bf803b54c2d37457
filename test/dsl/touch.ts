/**
 * The touch panel as user stories (STYLE.md: a test DSL, as excalidraw/tldraw do): a story
 * taps what a person reads on the screen, pinches, swipes back and checks where it is; no
 * selectors in the tests. Touches are real touch events of Chromium (CDP
 * `Input.dispatchTouchEvent` in a `hasTouch` context), so pointer events, `touch-action` and
 * click synthesis are the browser's own.
 */
import type { Browser, BrowserContext, BrowserContextOptions, CDPSession, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

type Point = { x: number; y: number };

export class TouchStory {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly cdp: CDPSession,
  ) {}

  /** Opens the touch panel at `url` on a 1920×1080 touch screen and waits for its first data. */
  static async open(
    browser: Browser,
    url: string,
    viewport = { width: 1920, height: 1080 },
    options: Pick<BrowserContextOptions, 'locale' | 'timezoneId'> = {},
  ): Promise<TouchStory> {
    const context = await browser.newContext({ viewport, hasTouch: true, deviceScaleFactor: 1, ...options });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('touch pageerror:', e.message));
    const cdp = await context.newCDPSession(page);
    await page.goto(url);
    await page.waitForSelector('[data-touch-panel]');
    return new TouchStory(page, context, cdp);
  }

  /** Waits until the panel shows `n` items (the «Всего» figure, no filter). */
  async expectItems(n: number, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction((want) => document.querySelector('[data-touch-panel]')?.getAttribute('data-entities') === want, String(n), { timeout });
  }

  /** A button by what it says: exactly `label`, else the first that starts with it. */
  private button(label: string): Locator {
    const exact = this.page.getByRole('button', { name: label, exact: true });
    const prefix = this.page.getByRole('button', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    return exact.or(prefix).first();
  }

  /** One finger taps the button labelled `label` (scrolled into view first). */
  async tap(label: string): Promise<void> {
    const b = this.button(label);
    await b.waitFor({ state: 'visible', timeout: 10_000 });
    await b.scrollIntoViewIfNeeded();
    const box = (await b.boundingBox())!;
    await this.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  }

  /**
   * Taps like `tap` and returns the page time (ms) of the click the app received: latency
   * checks measure from there, not from the test harness.
   */
  async tapTimed(label: string): Promise<number> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __tapAt?: number };
      delete w.__tapAt;
      document.addEventListener('click', () => (w.__tapAt = Date.now()), { capture: true, once: true });
    });
    await this.tap(label);
    return this.page.evaluate(() => (window as unknown as { __tapAt?: number }).__tapAt ?? NaN);
  }

  /** Back to the first screen with the app's own «Назад». */
  async backToStart(): Promise<void> {
    while ((await this.page.locator('.btn-back:not([disabled])').count()) > 0) await this.tap('Назад');
    await this.expectScreen('Чувашская Республика');
  }

  /** Two fingers pinch the map (or a list) by `scale`: > 1 spreads them, < 1 brings them together. */
  async pinch(scale: number, zone: 'map' | 'list' = 'map'): Promise<void> {
    const box = (await this.page.locator(`[data-zoomable="${zone}"]`).first().boundingBox())!;
    const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const half = 80;
    const at = (k: number): Point[] => [
      { x: c.x - half * k, y: c.y },
      { x: c.x + half * k, y: c.y },
    ];
    await this.touches('touchStart', at(1));
    const steps = 12;
    for (let i = 1; i <= steps; i++) await this.touches('touchMove', at(1 + ((scale - 1) * i) / steps));
    await this.touches('touchEnd', []);
  }

  /** One finger swipes from the left part of the screen to the right: the app's «back». */
  async swipeBack(): Promise<void> {
    const box = (await this.page.locator('.touch-main').boundingBox())!;
    const y = box.y + box.height * 0.6;
    const x0 = box.x + 40;
    await this.touches('touchStart', [{ x: x0, y }]);
    for (let i = 1; i <= 12; i++) await this.touches('touchMove', [{ x: x0 + i * 35, y: y + i }]);
    // The finger rests before it lifts, as after a deliberate swipe: no fling, whose stop
    // would swallow the next tap.
    await this.page.waitForTimeout(120);
    await this.touches('touchEnd', []);
  }

  /** The screen's heading reads `title`. */
  async expectScreen(title: string): Promise<void> {
    await expect.poll(() => this.page.textContent('[data-screen-title]'), { timeout: 15_000 }).toBe(title);
  }

  /** The zoom of the map (or the lists) is at least `min`. */
  async expectZoomed(min: number, zone: 'map' | 'list' = 'map'): Promise<number> {
    const read = async () =>
      zone === 'map'
        ? Number(await this.page.getAttribute('[data-zoomable="map"]', 'data-zoom'))
        : await this.page
            .locator('[data-zoomable="list"]')
            .first()
            .evaluate((el) => parseFloat((el as HTMLElement).style.fontSize) || 1);
    await expect.poll(read, { timeout: 15_000 }).toBeGreaterThanOrEqual(min);
    return read();
  }

  /** The figure shown under `label` in the counts strip (e.g. «Всего»). */
  async figure(label: string): Promise<string> {
    return (await this.page.textContent(`[data-count="${label}"] dd`)) ?? '';
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  private async touches(type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]): Promise<void> {
    await this.cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ x: Math.round(p.x), y: Math.round(p.y), id })) });
  }
}
