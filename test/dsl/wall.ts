/**
 * The wall side of the control tests: a `/wall` socket that records every `control:state`
 * the hub sends (what every wall screen renders from), and wall pages.
 */
import type { Browser, Page } from 'playwright-core';
import type { ControlAck, ControlState } from '../../app/protocol/control';
import { FeedClient, waitFor } from '../support/hub-fixture';

/** A wall's socket with the control states it received, each with its arrival time. */
export class WallSocket {
  readonly client: FeedClient;
  /** Every `control:state` with the (test process) time it arrived. */
  readonly states: { at: number; state: ControlState }[] = [];
  constructor(url: string) {
    this.client = new FeedClient(url, 'wall');
    (this.client.socket as unknown as { on(e: string, f: (s: ControlState) => void): void }).on('control:state', (state) =>
      this.states.push({ at: Date.now(), state }),
    );
  }
  last(): ControlState | undefined {
    return this.states.at(-1)?.state;
  }
  /** Resolves with the arrival time of the first state since `since` that satisfies `pred`. */
  async until(pred: (s: ControlState) => boolean, since = 0, timeoutMs = 15_000): Promise<number> {
    const hit = () => this.states.find((s) => s.at >= since && pred(s.state));
    await waitFor(
      () => hit() !== undefined,
      timeoutMs,
      () => `wall control state: ${JSON.stringify(this.last())}`,
    );
    return hit()!.at;
  }
  /** Sends a command from the wall (which the hub must refuse). */
  send(cmd: unknown): Promise<ControlAck> {
    return new Promise((r) =>
      (this.client.socket as unknown as { emit(e: string, c: unknown, ack: (a: ControlAck) => void): void }).emit('control:command', cmd, r),
    );
  }
  close(): void {
    this.client.close();
  }
}

/** Opens a wall screen page (small, to spare the CPU rasteriser). */
export async function openWall(browser: Browser, hubUrl: string, screenId = 'main'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
  page.on('pageerror', (e) => console.error('wall pageerror:', e.message));
  await page.goto(`${hubUrl}/#/wall/${screenId}?token=dev-wall`);
  return page;
}

/**
 * Starts recording when `<html data-<attr>>` of a wall page changes (page time, ms); read
 * with {@link attrSetAt}. Page time, so the harness's own delays are not counted.
 */
export async function watchAttr(page: Page, attr: string): Promise<void> {
  await page.evaluate((name) => {
    const w = window as unknown as { __attrAt?: Record<string, number> };
    w.__attrAt = {};
    new MutationObserver(() => {
      const v = document.documentElement.getAttribute(`data-${name}`) ?? '';
      w.__attrAt![v] ??= Date.now();
    }).observe(document.documentElement, { attributes: true, attributeFilter: [`data-${name}`] });
  }, attr);
}

/** When `data-<attr>` first took `value` since {@link watchAttr} (page time), waiting for it. */
export async function attrSetAt(page: Page, attr: string, value: string, timeoutMs = 15_000): Promise<number> {
  await page.waitForFunction(([name, v]) => document.documentElement.getAttribute(`data-${name}`) === v, [attr, value] as const, {
    timeout: timeoutMs,
    polling: 20,
  });
  return page.evaluate((v) => (window as unknown as { __attrAt?: Record<string, number> }).__attrAt?.[v] ?? Date.now(), value);
}
