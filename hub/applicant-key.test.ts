import { describe, expect, it } from 'vitest';
import { makeAppeal } from '../test/support/entities';
import { keyAppeal, newSalt, normaliseAddress, normaliseApplicant } from './applicant-key';

describe('applicant and object keys', () => {
  const salt = newSalt();
  it('one person, one key, whatever the spelling of the phone; the raw value is dropped', () => {
    const a = keyAppeal(makeAppeal({ applicant: '+7 (903) 123-45-67' }), salt);
    const b = keyAppeal(makeAppeal({ applicant: '8 903 1234567' }), salt);
    const c = keyAppeal(makeAppeal({ applicant: '+7 (903) 123-45-68' }), salt);
    expect(a).not.toHaveProperty('applicant');
    expect(a.applicantKey).toMatch(/^[0-9a-f]{32}$/);
    expect(a.applicantKey).toBe(b.applicantKey);
    expect(a.applicantKey).not.toBe(c.applicantKey);
    expect(JSON.stringify(a)).not.toContain('123-45-67');
  });

  it('one building, one key, with or without the town, the flat and the abbreviations', () => {
    expect(normaliseAddress('г. Чебоксары, ул. Ленина, д. 5, кв. 3')).toBe('ленина 5');
    expect(normaliseAddress('Ленина, дом 5')).toBe('ленина 5');
    const x = keyAppeal(makeAppeal({ address: 'г. Чебоксары, ул. Ленина, д. 5, кв. 3' }), salt);
    const y = keyAppeal(makeAppeal({ address: 'ул Ленина 5' }), salt);
    const z = keyAppeal(makeAppeal({ address: 'ул Ленина 7' }), salt);
    expect(x.objectKey).toBe(y.objectKey);
    expect(x.objectKey).not.toBe(z.objectKey);
  });

  it('keys depend on the salt, so they cannot be looked up from a phone book', () => {
    const a = keyAppeal(makeAppeal({ applicant: 'pos-user-42' }), salt);
    const b = keyAppeal(makeAppeal({ applicant: 'pos-user-42' }), newSalt());
    expect(a.applicantKey).not.toBe(b.applicantKey);
    expect(normaliseApplicant(' POS-User-42 ')).toBe('pos-user-42');
  });
});
