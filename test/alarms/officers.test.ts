import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PeopleSchema, publicPeople } from '../../app/config/people';
import { hashPin, verifyPin } from '../../hub/officers';
import { parseTokens, personOf, reloadTokens } from '../../hub/tokens';

describe('named officers: tokens file and people document', () => {
  it('a tokens file holds persons besides bare roles; a reload keeps them in the same table', () => {
    const t = parseTokens({ 'touch-secret-1': { role: 'touch', name: ' Иванов И. И. ', position: 'дежурный' }, 'wall-secret-1': 'wall' });
    expect(t.get('touch-secret-1')).toBe('touch');
    expect(personOf(t, 'touch-secret-1')).toEqual({ name: 'Иванов И. И.', position: 'дежурный' });
    expect(personOf(t, 'wall-secret-1')).toBeNull();
    const dir = mkdtempSync(path.join(tmpdir(), 'cur-tokens-'));
    const file = path.join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify({ 'touch-secret-2': { role: 'touch', name: 'Петрова А. А.' } }));
    expect(reloadTokens(file, t)).toEqual({ ok: true, tokens: 1 });
    expect(personOf(t, 'touch-secret-1')).toBeNull();
    expect(personOf(t, 'touch-secret-2')).toEqual({ name: 'Петрова А. А.', position: null });
    rmSync(dir, { recursive: true });
  });

  it('refuses a person without a name, with an unknown field, or with a bad role, saying which', () => {
    expect(() => parseTokens({ 'touch-secret-1': { role: 'touch' } })).toThrow(/"name" must be the holder's name/);
    expect(() => parseTokens({ 'touch-secret-1': { role: 'touch', name: 'X', pin: '1234' } })).toThrow(/unknown field "pin"/);
    expect(() => parseTokens({ 'touch-secret-1': { role: 'boss', name: 'X' } })).toThrow(/role "boss" is not one of/);
  });

  it('people: a PIN plain or hashed signs in only for its role; duplicates and a missing PIN refused in Russian; readers get no PINs', () => {
    const doc = PeopleSchema.parse({
      people: [
        { id: 'ivanov', name: 'Иванов И. И.', role: 'touch', pin: '4321' },
        { id: 'petrova', name: 'Петрова А. А.', position: 'старший смены', role: 'presenter', pinHash: hashPin('98765') },
      ],
    });
    expect(doc.idleMinutes).toBe(10);
    expect(verifyPin(doc, 'touch', '4321')?.id).toBe('ivanov');
    expect(verifyPin(doc, 'presenter', '4321')).toBeNull();
    expect(verifyPin(doc, 'presenter', '98765')?.name).toBe('Петрова А. А.');
    expect(verifyPin(doc, 'presenter', '98766')).toBeNull();
    expect(JSON.stringify(publicPeople(doc))).not.toMatch(/4321|scrypt|pin/);
    const bad = PeopleSchema.safeParse({
      people: [
        { id: 'a', name: 'A', role: 'touch', pin: '1111' },
        { id: 'b', name: 'B', role: 'touch', pin: '1111' },
        { id: 'c', name: 'C', role: 'touch' },
      ],
    });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'people.1.pin: этот PIN уже у people.0 (A)',
      'people.2.pin: нужен pin или pinHash',
    ]);
  });
});
