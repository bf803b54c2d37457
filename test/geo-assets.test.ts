// The generated map assets (scripts/build-geo.mjs → assets/geo/) agree with the generated
// municipality table and stay small enough for the wall.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { municipalities } from '../app/domain/municipality';
import type { MunicipalitySetId } from '../app/domain/municipality';

const geoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/geo');

interface Feature {
  type: 'Feature';
  id?: unknown;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function readCollection(name: string): Feature[] {
  const json = JSON.parse(fs.readFileSync(path.join(geoDir, name), 'utf8')) as { type: string; features: Feature[] };
  expect(json.type).toBe('FeatureCollection');
  return json.features;
}

const GEOJSON_FILES = [
  'municipalities-2025.geojson',
  'municipalities-2023.geojson',
  'republic.geojson',
  'municipality-labels.geojson',
  'neighbors.geojson',
  'water-areas.geojson',
  'rivers.geojson',
  'settlements.geojson',
];

describe('assets/geo', () => {
  it.each<[string, MunicipalitySetId, number]>([
    ['municipalities-2025.geojson', '2025', 23],
    ['municipalities-2023.geojson', '2023', 26],
  ])('%s matches the %s municipality set', (file, set, count) => {
    const features = readCollection(file);
    expect(features).toHaveLength(count);
    expect(features.map((f) => f.properties.oktmo).sort()).toEqual(
      municipalities(set)
        .map((m) => m.oktmo)
        .sort(),
    );
    const ids = features.map((f) => f.id);
    for (const f of features) {
      expect(Number.isInteger(f.id), String(f.properties.oktmo)).toBe(true);
      expect(f.properties.fid).toBe(f.id);
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(Object.keys(f.properties).sort()).toEqual(['fid', 'fullName', 'name', 'oktmo', 'slug', 'type']);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the same feature id for a unit in both sets', () => {
    const id2023 = new Map(readCollection('municipalities-2023.geojson').map((f) => [f.properties.oktmo, f.id]));
    for (const f of readCollection('municipalities-2025.geojson')) expect(f.id).toBe(id2023.get(f.properties.oktmo));
  });

  it('has the republic outline and polygonal context layers', () => {
    for (const file of ['republic.geojson', 'neighbors.geojson', 'water-areas.geojson']) {
      const features = readCollection(file);
      expect(features.length, file).toBeGreaterThan(0);
      for (const f of features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
    expect(readCollection('republic.geojson')).toHaveLength(1);
  });

  it('has one label point per 2025 unit', () => {
    const labels = readCollection('municipality-labels.geojson');
    expect(labels.map((f) => f.properties.oktmo).sort()).toEqual(
      municipalities('2025')
        .map((m) => m.oktmo)
        .sort(),
    );
    for (const f of labels) {
      expect(f.geometry.type).toBe('Point');
      expect(typeof f.properties.name).toBe('string');
    }
  });

  it('has ranked settlements with Russian names', () => {
    const settlements = readCollection('settlements.geojson');
    expect(settlements.length).toBeGreaterThan(20);
    for (const f of settlements) {
      expect(f.geometry.type).toBe('Point');
      expect(f.properties.name).toMatch(/^[А-ЯЁ][А-ЯЁа-яё -]+$/);
      expect([1, 2, 3]).toContain(f.properties.rank);
      expect(typeof f.properties.isCentre).toBe('boolean');
    }
    expect(
      settlements
        .filter((f) => f.properties.rank === 1)
        .map((f) => f.properties.name)
        .sort(),
    ).toEqual(['Новочебоксарск', 'Чебоксары']);
  });

  it.each(GEOJSON_FILES)('%s is under 200 KB', (file) => {
    expect(fs.statSync(path.join(geoDir, file)).size).toBeLessThan(200 * 1024);
  });

  it('has a non-empty attribution line', () => {
    const attribution = JSON.parse(fs.readFileSync(path.join(geoDir, 'attribution.json'), 'utf8')) as { text?: unknown };
    expect(typeof attribution.text).toBe('string');
    expect(String(attribution.text)).toContain('OpenStreetMap');
  });
});
