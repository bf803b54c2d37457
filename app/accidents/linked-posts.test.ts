import { describe, it, expect } from 'vitest';
import type { Appeal } from '../domain/entity';
import { HOUR_MS, mskTime } from '../calendar/production-calendar';
import { linkedPosts } from './accident-metrics';
import { isAboutResource, linkedPostLabel } from './linked-posts';
import { makeAccident, makeAppeal } from '../../test/support/entities';

const T = mskTime(2026, 1, 20, 10);
// 0.009° of latitude ≈ 1 km; 0.045° ≈ 5 km.
const KM = 0.009;

const heat = makeAccident({
  address: 'г. Чебоксары, ул. Ленинградская, 1',
  residents: 1200,
  buildings: 6,
  socialObjects: 1,
  startedAt: T,
  plannedRestoreAt: T + 4 * HOUR_MS,
});
const post = (id: string, over: Partial<Appeal> = {}): Appeal =>
  makeAppeal({ id, lat: 56.13 + KM, title: 'Нет отопления в доме', createdAt: T + HOUR_MS, ...over });

describe('linkedPosts', () => {
  const now = T + 3 * HOUR_MS;
  const posts = [
    post('near'), // 1 km, during, heat words → linked
    post('batteries', { title: 'Холодные батареи', createdAt: T + 2 * HOUR_MS, lat: 56.13 + 2.5 * KM }), // 2.5 km → linked
    post('far', { lat: 56.13 + 5 * KM }), // 5 km → not linked
    post('before', { createdAt: T - 60_000 }), // before the accident → not linked
    post('after-now', { createdAt: now + 60_000 }), // in the future of `now` → not linked
    post('pos', { channel: 'pos' }), // not a social post → not linked
    post('roads', { sector: 'roads', title: 'Отопление на остановке' }), // wrong sector → not linked
    post('pothole', { title: 'Яма во дворе' }), // not about heat → not linked
    post('explicit-far', { accidentId: 'acc-1', lat: 56.5, title: 'Вопрос' }), // feed link wins → linked
    post('other-accident', { accidentId: 'acc-2' }), // feed ties it elsewhere → not linked
  ];

  // Oldest first; posts created at the same time are ordered by id.
  it('links social posts about the resource, nearby, during the accident, and explicit links', () => {
    expect(linkedPosts(heat, posts, { now }).map((p) => p.id)).toEqual(['explicit-far', 'near', 'batteries']);
  });

  it('stops at restoredAt and honours the radius and lead options', () => {
    const restored = { ...heat, status: 'resolved' as const, restoredAt: T + 90 * 60_000 };
    expect(linkedPosts(restored, posts, { now }).map((p) => p.id)).toEqual(['explicit-far', 'near']);
    expect(linkedPosts(heat, posts, { now, radiusKm: 6 }).map((p) => p.id)).toContain('far');
    expect(linkedPosts(heat, posts, { now, leadMs: 5 * 60_000 }).map((p) => p.id)).toContain('before');
  });

  it('matches resource words case-insensitively, ё as е, in title or topic', () => {
    expect(isAboutResource(post('x', { title: 'НЕТ ГОРЯЧЕЙ ВОДЫ' }), 'hot_water')).toBe(true);
    expect(isAboutResource(post('x', { title: 'Жалоба', topic: 'Тёплоснабжение' }), 'heat')).toBe(true);
    expect(isAboutResource(post('x', { title: 'Нет света', sector: 'energy' }), 'electricity')).toBe(true);
    expect(isAboutResource(post('x', { title: 'Нет света', sector: 'roads' }), 'electricity')).toBe(false);
    expect(isAboutResource(post('x', { title: 'Запах газа', sector: 'energy' }), 'gas')).toBe(true);
  });
});

describe('posts linked to a planned outage', () => {
  it('are labelled «плановое отключение до hh:mm» (the date too when not today); posts of an accident are not', () => {
    const now = T + HOUR_MS;
    const planned = { ...heat, nature: 'planned' as const, resource: 'hot_water' as const, plannedRestoreAt: T + 8 * HOUR_MS };
    expect(linkedPostLabel(planned, now)).toBe('плановое отключение до 18:00');
    expect(linkedPostLabel({ ...planned, plannedRestoreAt: mskTime(2026, 1, 27, 18) }, now)).toBe('плановое отключение до 27.01 18:00');
    expect(linkedPostLabel(heat, now)).toBeNull();
    expect(linkedPostLabel({ ...heat, nature: 'incident' }, now)).toBeNull();
  });
});
