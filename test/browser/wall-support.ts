/**
 * Helpers of the duty-shift wall's browser tests (wall-*.test.ts): demo-like data at a fixed
 * instant, a page that records when `data-scene` changes, and a commanding client.
 */
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { io, type Socket } from 'socket.io-client';
import type { Accident, Entity } from '../../app/domain/entity';
import type { ControlAck, ControlCommand, ControlState } from '../../app/protocol/control';
import type { NamespaceClientEvents, NamespaceServerEvents } from '../../app/protocol/namespaces';
import { DemoSource } from '../../hub/demo-source';

export const STATIC = 'out/renderer';
const HOUR = 3_600_000;

/** An accident in Чебоксары, 3 h old; `over` changes anything. */
export function accidentAt(now: number, id: string, over: Partial<Accident> = {}): Accident {
  return {
    kind: 'accident',
    id,
    version: 1,
    municipality: '97701000',
    lon: 47.25,
    lat: 56.12,
    resource: 'cold_water',
    status: 'active',
    address: 'ул. Гражданская, д. 70',
    operator: 'Водоканал',
    residents: 640,
    buildings: 6,
    socialObjects: 0,
    startedAt: now - 3 * HOUR,
    plannedRestoreAt: now + 2 * HOUR,
    ...over,
  };
}

/**
 * The demo source's history up to `now` (45 days, so the ratings have a previous period)
 * plus three accidents below every alarm threshold, so the ЖКХ scene has a board to show.
 */
export function demoEntities(now: number): Entity[] {
  const entities = new DemoSource({ seed: 11, speed: 1, backfillDays: 45 }).backfill(now).upserts as Entity[];
  entities.push(
    accidentAt(now, 'extra-1'),
    accidentAt(now, 'extra-2', {
      municipality: '97538000',
      lon: 47.944,
      lat: 55.679,
      resource: 'electricity',
      address: 'пгт Урмары, ул. Ленина, д. 12',
      operator: 'Россети Волга',
      residents: 820,
      buildings: 14,
      startedAt: now - 7 * HOUR,
      plannedRestoreAt: now - HOUR,
    }),
    accidentAt(now, 'extra-3', {
      municipality: '97550000',
      lon: 46.413,
      lat: 55.5,
      resource: 'hot_water',
      address: 'г. Шумерля, ул. Октябрьская, д. 5',
      operator: 'Т Плюс',
      residents: 310,
      buildings: 3,
      startedAt: now - 26 * HOUR,
      plannedRestoreAt: now + 20 * HOUR,
    }),
  );
  return entities;
}

/** A critical ЖКХ accident: 5,000 residents without heat, two social objects (Канаш). */
export function criticalAccident(now: number, id = 'crit-1'): Accident {
  return accidentAt(now, id, {
    municipality: '97516000',
    lon: 47.49,
    lat: 55.51,
    resource: 'heat',
    address: 'г. Канаш, ул. Железнодорожная, д. 10',
    operator: 'Т Плюс',
    residents: 5000,
    buildings: 40,
    socialObjects: 2,
    startedAt: now - 60_000,
    plannedRestoreAt: now + 3 * HOUR,
  });
}

/** A `/touch` or `/presenter` client that sends control commands and follows the control state. */
export class Commander {
  readonly socket: Socket<NamespaceServerEvents['touch'], NamespaceClientEvents['touch']>;
  state: ControlState | null = null;

  constructor(url: string, role: 'touch' | 'presenter') {
    this.socket = io(`${url}/${role}`, { auth: { token: `dev-${role}` }, transports: ['websocket'], forceNew: true });
    this.socket.on('control:state', (s) => (this.state = s));
  }

  send(cmd: ControlCommand): Promise<ControlAck> {
    return new Promise((resolve) => this.socket.emit('control:command', cmd, resolve));
  }

  close(): void {
    this.socket.close();
  }
}

export interface SceneSwitch {
  /** Page clock (= hub time on one machine), ms. */
  at: number;
  scene: string;
}

declare global {
  interface Window {
    __sceneLog?: SceneSwitch[];
  }
}

/** Opens a wall page that logs every change of `data-scene` with the page's clock. */
export async function openWallPage(browser: Browser, hubUrl: string, query: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  // A context of its own: axe-core's AxeBuilder needs one (browser.newPage has none).
  const page = await (await browser.newContext({ viewport })).newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.addInitScript(() => {
    window.__sceneLog = [];
    new MutationObserver(() => {
      const at = Date.now();
      const { scene = '' } = document.documentElement.dataset;
      const log = window.__sceneLog!;
      if (log[log.length - 1]?.scene !== scene) log.push({ at, scene });
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-scene'] });
  });
  await page.goto(`${hubUrl}/#/wall/main?token=dev-wall&${query}`);
  return page;
}

/** One wait for the map before a screenshot, with the render tests (a canvas at its container's size included). */
export { waitForMapIdle } from '../render/support';

/** Halves a PNG (2×2 box filter): goldens at half size keep the repository small. */
export function halve(png: Buffer): Buffer {
  const src = PNG.sync.read(png);
  const w = src.width >> 1;
  const h = src.height >> 1;
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ] as const)
          sum += src.data[4 * ((2 * y + dy) * src.width + 2 * x + dx) + c]!;
        out.data[4 * (y * w + x) + c] = sum >> 2;
      }
    }
  }
  return PNG.sync.write(out);
}
