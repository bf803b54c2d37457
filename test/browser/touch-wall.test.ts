/**
 * Touch panel and wall together against a real hub (issue 7): what the panel sends reaches
 * every wall (the hub's `control:state` to a `/wall` socket, and the wall page's `data-focus`),
 * alarms are acknowledged from the panel, the wall returns to its playlist on «Вернуть стену»,
 * and a wall can never command. How fast (the 1 s) is measured by
 * `npm run bench:latency`, not asserted here.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Entity } from '../../app/domain/entity';
import { controlRenderer } from '../dsl/renderer-build';
import { TouchStory } from '../dsl/touch';
import { attrSetAt, openWall, WallSocket, watchAttr } from '../dsl/wall';
import { launchChromium } from '../support/chromium';
import { appeal, startTestHub } from '../support/hub-fixture';

const KANASH = '97516000';
let browser: Browser;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let cleanup = () => {};
let touch: TouchStory;
let wallPage: Page;
let wall: WallSocket;

const accident: Entity = {
  kind: 'accident',
  id: 'touch-acc-1',
  version: 1,
  municipality: KANASH,
  lon: 47.49,
  lat: 55.5,
  resource: 'heat',
  status: 'active',
  address: 'г. Канаш, ул. Ленина, д. 1',
  operator: 'ТГК-5',
  residents: 3200,
  buildings: 14,
  socialObjects: 0,
  startedAt: Date.now() - 30 * 60_000,
  plannedRestoreAt: Date.now() + 3_600_000,
};

beforeAll(async () => {
  const r = await controlRenderer();
  cleanup = r.cleanup;
  hub = await startTestHub({ staticDir: r.dir, heartbeatMs: 1000 });
  await hub.hub.publish({
    upserts: [appeal({ municipality: KANASH, lon: 47.49, lat: 55.5, org: 'omsu-kanashsky', title: 'Яма во дворе' }), appeal()],
    removes: [],
  });
  browser = await launchChromium();
  wall = new WallSocket(hub.url);
  wallPage = await openWall(browser, hub.url);
  touch = await TouchStory.open(browser, `${hub.url}/#/touch?token=dev-touch`);
  await touch.expectItems(2);
});
afterAll(async () => {
  wall?.close();
  await browser?.close();
  await hub?.close();
  cleanup();
});

describe('touch panel → wall', () => {
  beforeEach(() => touch.backToStart());

  it('puts a tapped municipality on every wall («Показать на стене»)', async () => {
    await touch.tap('Канашский');
    await touch.expectScreen('Канашский');
    const tapAt = await touch.tapTimed('Показать на стене');
    await wall.until((s) => s.focus?.oktmo === KANASH, tapAt, 10_000);
    expect(wall.last()!.focus).toMatchObject({ oktmo: KANASH, label: 'Канашский' });
  });

  it('with «Стена следует за выбором», a tap on a municipality alone moves the wall', async () => {
    await touch.tap('Вернуть стену');
    await wall.until((s) => s.focus === null);
    await touch.tap('Стена следует за выбором');
    const tapAt = await touch.tapTimed('Ядринский');
    await wall.until((s) => s.focus?.oktmo === '97553000', tapAt, 10_000);
    await touch.tap('Стена следует за выбором');
  });

  it('sets the wall page’s data-focus to the OKTMO code after the tap', async () => {
    await touch.tap('Вернуть стену');
    await wall.until((s) => s.focus === null);
    await watchAttr(wallPage, 'focus');
    await touch.tap('Канашский');
    const tapAt = await touch.tapTimed('Показать на стене');
    expect(await attrSetAt(wallPage, 'focus', KANASH, 10_000)).toBeGreaterThanOrEqual(tapAt);
  });

  it('returns the wall to its playlist on «Вернуть стену»', async () => {
    await touch.tap('Канашский');
    await touch.tap('Сцена округа целиком');
    await touch.tap('Показать на стене');
    await wall.until((s) => s.scene?.scene.id === 'municipality' && s.focus?.oktmo === KANASH);
    await touch.tap('Вернуть стену');
    await wall.until((s) => s.scene === null && s.focus === null);
    await touch.tap('Сцена округа целиком');
  });

  it('acknowledges an alarm from the panel, for every wall', async () => {
    await hub.hub.publish({ upserts: [accident], removes: [] });
    // The hub's record (issue 15): `<rule>:<entity>~<raisedAt>`, acknowledged by the token's named holder.
    const item = touch.page.locator('[data-alarm^="accident-residents:accident:touch-acc-1~"]');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    const id = (await item.getAttribute('data-alarm'))!;
    await touch.tap('Квитировать');
    await wall.until((s) => s.acknowledged.includes(id));
    // Listed, with who acknowledged it, until the accident is over.
    await expect.poll(() => item.getAttribute('data-acked'), { timeout: 10_000 }).toBe('yes');
    expect(await item.locator('[data-acked-by]').getAttribute('data-acked-by')).toBe('Дежурный (демо)');
  });
});

describe('a wall cannot command', () => {
  it('every command from /wall is refused and audited', async () => {
    const before = hub.hub.control.state().rev;
    const commands = [
      { type: 'alarm:ack', alarmId: 'x' },
      { type: 'scene:set', scene: 'overview' },
      { type: 'scene:clear' },
      { type: 'focus:set', oktmo: KANASH },
      { type: 'focus:clear' },
      { type: 'freeze:set', at: null },
      { type: 'blackout:set', on: true },
      { type: 'replay:start', from: 0, speed: 1 },
      { type: 'replay:stop' },
      { type: 'script:step', script: 'weekly', step: 0 },
    ];
    for (const c of commands) expect(await wall.send(c)).toMatchObject({ ok: false, error: 'role wall may not send commands' });
    expect(hub.hub.control.state().rev).toBe(before);

    // Refusals are audited as one row per client and minute (hub/control.ts, issue 10): written now.
    hub.hub.control.flushAudit();
    const res = await fetch(`${hub.url}/api/v1/audit?limit=50`, { headers: { authorization: 'Bearer dev-admin' } });
    const { entries } = (await res.json()) as { entries: { role: string; client: string; result: string; command: string }[] };
    const rows = entries.filter((e) => e.client === wall.client.socket.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'wall', result: `refused ×${commands.length} in 60 s: role wall may not send commands` });
    expect(JSON.parse(rows[0]!.command).type).toBe(commands[0]!.type);
    expect(wallPage.url()).toContain('#/wall/main');
  });
});
