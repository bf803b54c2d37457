import { afterEach, describe, expect, it } from 'vitest';
import { WeatherSchema, type Weather } from '../app/domain/entity';
import type { IngestResult } from '../app/protocol/ingest';
import { ENTITY_TIME } from '../test/support/entities';
import { FeedClient, startTestHub } from '../test/support/hub-fixture';
import { publicEntity } from './projection';
import { redactEntity } from './redact';
import { RepublicShape } from './republic-shape';
import { checkEntity, type ValidationContext } from './validate';

// Weather readings (issue 11) go through the hub's normal ingest checks and reach public screens.
const republic = RepublicShape.load();
const units = RepublicShape.loadMunicipalities();
const ctx: ValidationContext = {
  now: ENTITY_TIME + 3_600_000,
  stored: () => undefined,
  insideRepublic: (lon, lat) => republic.contains(lon, lat),
  insideMunicipality: (oktmo, lon, lat) => units.get(oktmo)?.contains(lon, lat) ?? true,
};
const reading = (over: Partial<Weather> = {}): Weather => ({
  kind: 'weather',
  id: 'weather-97701000',
  version: 3,
  municipality: '97701000',
  lon: 47.25,
  lat: 56.13,
  at: ENTITY_TIME,
  temperatureC: -14.5,
  source: 'метеостанция Чебоксары',
  ...over,
});
const republicWide = (): Weather => {
  const { municipality: _m, ...w } = reading({ id: 'weather-republic', lon: 47.1, lat: 55.5 });
  return w;
};
const reason = (e: unknown) => {
  const r = checkEntity(e, ctx);
  return r.ok ? 'ok' : r.reason;
};

describe('weather at ingest', () => {
  it('accepts a municipal and a republic-wide reading', () => {
    expect(reason(reading())).toBe('ok');
    expect(reason(republicWide())).toBe('ok');
  });

  it('normalises a 2023 code of a merged city okrug to its 2025 okrug, like every entity', () => {
    const r = checkEntity(reading({ municipality: '97704000', lon: 46.54, lat: 54.84 }), ctx);
    expect(r.ok && r.value.kind === 'weather' ? r.value.municipality : null).toBe('97503000');
  });

  it('refuses nonsense: unknown municipality, a point outside the republic or its municipality, a reading from the future or before 2000, impossible temperatures', () => {
    expect(reason(reading({ municipality: '97999000' }))).toBe('unknown-municipality');
    expect(reason(reading({ lon: 37.6, lat: 55.75 }))).toBe('outside-republic');
    expect(reason(reading({ lon: 46.54, lat: 54.84 }))).toBe('outside-municipality');
    expect(reason(reading({ at: ctx.now + 3_600_000 }))).toBe('future-timestamp');
    expect(reason(reading({ at: 1_700_000_000 }))).toBe('implausible-time');
    expect(reason(reading({ temperatureC: 85 }))).toBe('schema');
    expect(reason({ ...reading(), humidity: 80 })).toBe('schema');
  });

  it('is stored as sent and reaches public screens with its numbers only', () => {
    expect(redactEntity(reading())).toEqual(reading());
    const pub = publicEntity(reading());
    expect(pub).toEqual({
      kind: 'weather',
      id: 'weather-97701000',
      version: 3,
      municipality: '97701000',
      lon: 47.25,
      lat: 56.13,
      at: ENTITY_TIME,
      temperatureC: -14.5,
    });
    expect(WeatherSchema.safeParse(pub).success).toBe(true);
    expect(publicEntity(republicWide())).not.toHaveProperty('municipality');
  });
});

describe('weather through a real hub', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('POST /api/v1/ingest takes a reading; a wall client gets it in its store, without the source text', async () => {
    const h = await startTestHub();
    cleanups.push(() => h.close());
    const at = Date.now() - 60_000;
    const res = await fetch(`${h.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer dev-ingest', 'content-type': 'application/json' },
      body: JSON.stringify({ upserts: [reading({ at }), { ...republicWide(), at }] }),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as IngestResult;
    expect(body.accepted).toBe(2);
    const wall = new FeedClient(h.url, 'wall');
    cleanups.push(() => wall.close());
    await wall.waitForSeq(body.seq);
    expect(wall.store.entities.get('weather:weather-97701000')).toEqual({
      kind: 'weather',
      id: 'weather-97701000',
      version: 3,
      municipality: '97701000',
      lon: 47.25,
      lat: 56.13,
      at,
      temperatureC: -14.5,
    });
    expect(wall.store.entities.get('weather:weather-republic')).toMatchObject({ temperatureC: -14.5 });
  });
});
