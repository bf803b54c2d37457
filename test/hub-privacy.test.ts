/**
 * Privacy (issue 3, «Prove it»): the built hub runs the demo source (`--seed 7`), back-fills
 * a day and then plays live ticks at `--speed 2000` (one real second ≈ 33 simulated
 * minutes). Every payload sent on `/wall` and `/touch` is recorded — by clients connected
 * from the start and by a replay of the whole log (resume from seq 0) at the end — and must
 * hold 0 personal-data items: no phone, e-mail, @handle, social link, flat number, full name
 * (pattern or the demo's own vocabulary) or СНИЛС; no appeal free text; appeal points on the
 * ≈ 500 m grid. `/presenter` (free text, redacted at ingest) must be free of them too.
 *
 * The detectors are first shown to catch the fake personal data the demo writes into its raw
 * texts (a local DemoSource with the same seed), so a clean feed is not a blind test.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../app/domain/entity';
import type { Delta, Role, Snapshot } from '../app/protocol/feed';
import { DemoSource } from '../hub/demo-source';
import { FeedClient, waitFor } from './support/hub-fixture';
import { health, removeDir, startHubProcess, stopAllHubProcesses, tempDataDir, type HubProcess } from './support/hub-process';

const SEED = 7;
const SPEED = 2000;
const BACKFILL_DAYS = 1;
const LIVE_MS = 12_000;
const HOUR = 3_600_000;

// The demo's fake-person vocabulary (hub/demo-people.ts), repeated here on purpose: the test
// must not trust the module under test to describe itself.
const SURNAMES = ['Иванов', 'Петрова', 'Смирнов', 'Васильева', 'Николаев', 'Егорова', 'Алексеев', 'Михайлова', 'Федоров', 'Григорьева'];
const FIRST = ['Иван', 'Анна', 'Сергей', 'Ольга', 'Николай', 'Елена', 'Алексей', 'Марина', 'Дмитрий', 'Татьяна'];
const PATRONYMIC = ['Петрович', 'Ивановна', 'Николаевич', 'Сергеевна', 'Алексеевич', 'Васильевна'];
const FULL_NAMES = SURNAMES.flatMap((s) => FIRST.flatMap((f) => PATRONYMIC.map((p) => `${s} ${f} ${p}`)));
const NAME_PAIRS = SURNAMES.flatMap((s) => FIRST.map((f) => `${s} ${f}`));

const U = 'А-ЯЁ';
const L = 'а-яё';
/** Personal-data detectors, deliberately broader than the hub's redaction rules. */
const DETECTORS: Record<string, RegExp> = {
  phone: /(?:\+\s*7|(?<!\d)8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}|\(\d{3}\)\s*\d{3}|\d{3}-\d{2}-\d{2}/u,
  email: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u,
  handle: /@[A-Za-z0-9_.]{2,}|resident_\d/u,
  link: /vk\.com|t\.me\/|ok\.ru\/|https?:\/\/|www\./iu,
  flat: new RegExp(`(?<![\\p{L}])(?:кв|квартир[${L}]*)\\.?\\s*№?\\s*\\d`, 'iu'),
  fio: new RegExp(`[${U}][${L}]+\\s+[${U}][${L}]+\\s+[${U}][${L}]+(?:вич|вна|ична|ич)(?![${L}])`, 'u'),
  patronymic: new RegExp(`(?<![\\p{L}])(?:${PATRONYMIC.join('|')})(?![\\p{L}])`, 'u'),
  snils: /\d{3}[- ]?\d{3}[- ]?\d{3}[- ]\d{2}|СНИЛС\s*\d/u,
};

/** Every personal-data finding in the strings of a payload. */
function findings(payload: unknown, extraPieces: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const visit = (v: unknown, at: string) => {
    if (typeof v === 'string') {
      for (const [kind, re] of Object.entries(DETECTORS)) if (re.test(v)) out.push(`${kind} at ${at}: ${v.slice(0, 160)}`);
      for (const n of FULL_NAMES) if (v.includes(n)) out.push(`name at ${at}: ${n}`);
      for (const n of NAME_PAIRS) if (v.includes(n)) out.push(`name pair at ${at}: ${n}`);
      for (const p of extraPieces) if (v.includes(p)) out.push(`demo piece at ${at}: ${p}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${at}[${i}]`));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, `${at}.${k}`);
  };
  visit(payload, '');
  return out;
}

/** True when a coordinate is the centre of its ≈ 500 m grid cell (within the 1e-5° rounding). */
const LAT_STEP = 0.0045;
const LON_STEP = 0.0045 / Math.cos((55.5 * Math.PI) / 180);
function onGrid(v: number, step: number): boolean {
  const centre = (Math.floor(v / step) + 0.5) * step;
  return Math.abs(v - centre) <= 1.01e-5;
}

function entitiesOf(event: string, payload: unknown): Entity[] {
  if (event === 'feed:snapshot') return (payload as Snapshot).entities;
  if (event === 'feed:delta') return (payload as Delta).upserts;
  return [];
}

/** Every delta the hub still holds, from seq 1, as `role` receives it. */
async function replayLog(url: string, role: Role, epoch: string, headSeq: number): Promise<{ event: string; payload: unknown }[]> {
  const got: { event: string; payload: unknown }[] = [];
  const s: Socket = io(`${url}/${role}`, { auth: { token: `dev-${role}` }, transports: ['websocket'], reconnection: false, forceNew: true });
  try {
    s.onAny((event: string, payload: unknown) => got.push({ event, payload }));
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    const ack = (await s.timeout(10_000).emitWithAck('feed:subscribe', { resume: { epoch, seq: 0 } })) as { ok: boolean; mode?: string };
    expect(ack).toEqual({ ok: true, mode: 'resume' });
    await waitFor(
      () => got.some((g) => g.event === 'feed:delta' && (g.payload as Delta).seq >= headSeq),
      20_000,
      () => `${role} replay to ${headSeq}`,
    );
    return got;
  } finally {
    s.close();
  }
}

let hub: HubProcess;
let dir: string;
const clients: FeedClient[] = [];
/** Fake personal data a local demo with the same seed writes into its raw texts. */
let demoPieces = new Set<string>();
let rawTexts: string[] = [];

beforeAll(() => {
  const demo = new DemoSource({ seed: SEED, speed: SPEED, backfillDays: BACKFILL_DAYS });
  const history = demo.backfill(Date.now());
  rawTexts = history.upserts.flatMap((e) => (e.kind === 'appeal' ? [e.text] : []));
  demoPieces = new Set(demo.personalData);
  dir = tempDataDir('cur-hub-privacy-');
});
afterAll(async () => {
  for (const c of clients) c.close();
  await stopAllHubProcesses();
  removeDir(dir);
});

describe('hub privacy: a simulated day of the demo feed', () => {
  it('has detectors that catch the personal data the demo writes into its raw texts', () => {
    expect(demoPieces.size).toBeGreaterThan(50);
    const missed = [...demoPieces].filter((p) => findings(p).length === 0);
    expect(missed, 'pieces the detectors do not recognise').toEqual([]);
    const withPd = rawTexts.filter((t) => [...demoPieces].some((p) => t.includes(p)) || /СНИЛС/.test(t));
    expect(withPd.length).toBeGreaterThan(50);
    expect(withPd.filter((t) => findings(t).length === 0)).toEqual([]);
  });

  it('sends 0 personal-data items on /wall and /touch (nor /presenter) during a simulated day', async () => {
    const started = Date.now();
    hub = await startHubProcess({
      data: dir,
      source: 'demo',
      args: ['--speed', String(SPEED), '--backfill-days', String(BACKFILL_DAYS), '--seed', String(SEED), '--heartbeat-ms', '1000'],
    });
    const wall = new FeedClient(hub.url, 'wall');
    const touch = new FeedClient(hub.url, 'touch');
    const presenter = new FeedClient(hub.url, 'presenter');
    clients.push(wall, touch, presenter);
    await hub.waitForOutput(/demo back-filled (\d+) items/, 60_000);
    const backfilledAt = (await health(hub.url)).headSeq;
    // Live ticks: each real second is `SPEED` simulated seconds.
    await new Promise((r) => setTimeout(r, LIVE_MS));
    const h = await health(hub.url);
    expect(h.headSeq).toBeGreaterThan(backfilledAt + 5);
    await Promise.all([wall, touch, presenter].map((c) => c.waitForSeq(h.headSeq, 20_000)));
    expect(hub.alive()).toBe(true);

    // The whole log as each role receives it, from seq 1 (covers what came before the clients).
    const replays = {
      wall: await replayLog(hub.url, 'wall', h.epoch, h.headSeq),
      touch: await replayLog(hub.url, 'touch', h.epoch, h.headSeq),
      presenter: await replayLog(hub.url, 'presenter', h.epoch, h.headSeq),
    };
    const feeds: Record<string, { event: string; payload: unknown }[]> = {
      'wall (live)': wall.raw,
      'touch (live)': touch.raw,
      'wall (replay)': replays.wall,
      'touch (replay)': replays.touch,
      'presenter (live)': presenter.raw,
      'presenter (replay)': replays.presenter,
    };

    const problems: string[] = [];
    let payloads = 0;
    let appealsSeen = 0;
    let accidentsSeen = 0;
    let minCreated = Infinity;
    let maxCreated = -Infinity;
    for (const [name, feed] of Object.entries(feeds)) {
      const isPublic = !name.startsWith('presenter');
      for (const { event, payload } of feed) {
        payloads++;
        for (const f of findings(payload, demoPieces)) problems.push(`${name} ${event}: ${f}`);
        for (const e of entitiesOf(event, payload)) {
          if (e.kind === 'accident') {
            accidentsSeen++;
            continue;
          }
          if (e.kind === 'weather') continue;
          appealsSeen++;
          minCreated = Math.min(minCreated, e.createdAt);
          maxCreated = Math.max(maxCreated, e.createdAt);
          if (isPublic && e.text !== '') problems.push(`${name} ${event}: appeal ${e.id} carries text "${e.text.slice(0, 80)}"`);
          if (!onGrid(e.lon, LON_STEP) || !onGrid(e.lat, LAT_STEP))
            problems.push(`${name} ${event}: appeal ${e.id} at ${e.lon}, ${e.lat} is not on the 500 m grid`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);

    // Not a blind test: a day of appeals with their free text reached /presenter, and /wall saw them too.
    const wallAppeals = new Set(
      replays.wall
        .flatMap((g) => entitiesOf(g.event, g.payload))
        .filter((e) => e.kind === 'appeal')
        .map((e) => e.id),
    );
    expect(wallAppeals.size).toBeGreaterThan(300);
    expect(maxCreated - minCreated, 'appeals span the back-filled day').toBeGreaterThan(20 * HOUR);
    const presenterTexts = replays.presenter.flatMap((g) => entitiesOf(g.event, g.payload)).flatMap((e) => (e.kind === 'appeal' ? [e.text] : []));
    expect(
      presenterTexts.filter((t) => /\[(?:ФИО|телефон|e-mail|аккаунт|ссылка|СНИЛС)\]|кв\. \[скрыто\]/.test(t)).length,
      'redaction placeholders on /presenter',
    ).toBeGreaterThan(20);
    const liveTicks = wall.deltas.filter((d) => d.seq > backfilledAt).length;
    expect(liveTicks).toBeGreaterThan(5);
    console.log(
      `hub-privacy: ${payloads} payloads checked (${wall.raw.length} live on /wall, ${touch.raw.length} on /touch, ${replays.wall.length} /wall replay), ` +
        `${appealsSeen} appeal and ${accidentsSeen} accident items, ${wallAppeals.size} distinct appeals on /wall, ` +
        `${BACKFILL_DAYS} day back-filled + ${((LIVE_MS * SPEED) / HOUR).toFixed(1)} h live (${liveTicks} live deltas); 0 personal-data items; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 120_000);
});
