import { describe, expect, it } from 'vitest';
import { HOUR_MS, mskTime } from '../calendar/msk-time';
import { builtInBody, validateConfigBody } from '../config/documents';
import { DEFAULT_DETECT_THRESHOLDS } from '../detect/detect-thresholds';
import { DEFAULT_PROCEDURES, procedureFor } from './procedures';
import { handoverSpan, shiftAt, ShiftsSchema } from './shift-schedule';

describe('shifts', () => {
  it('08:00 and 20:00: a day shift, and a night shift across midnight', () => {
    expect(shiftAt(mskTime(2026, 2, 4, 10))).toEqual({ start: mskTime(2026, 2, 4, 8), end: mskTime(2026, 2, 4, 20) });
    expect(shiftAt(mskTime(2026, 2, 4, 23))).toEqual({ start: mskTime(2026, 2, 4, 20), end: mskTime(2026, 2, 5, 8) });
    expect(shiftAt(mskTime(2026, 2, 5, 3))).toEqual({ start: mskTime(2026, 2, 4, 20), end: mskTime(2026, 2, 5, 8) });
    expect(shiftAt(mskTime(2026, 2, 5, 8))).toEqual({ start: mskTime(2026, 2, 5, 8), end: mskTime(2026, 2, 5, 20) });
  });

  it('three shifts in any order; the handover covers the 12 hours before the change', () => {
    const s = ShiftsSchema.parse({ changes: ['16:00', '00:00', '08:00'] });
    expect(shiftAt(mskTime(2026, 2, 4, 17), s)).toEqual({ start: mskTime(2026, 2, 4, 16), end: mskTime(2026, 2, 5, 0) });
    expect(handoverSpan(mskTime(2026, 2, 4, 8))).toEqual({ start: mskTime(2026, 2, 4, 8) - 12 * HOUR_MS, end: mskTime(2026, 2, 4, 8) });
  });

  it('a bad time or a repeated one: a Russian error with its path', () => {
    const bad = validateConfigBody('shifts', { changes: ['8:00'] });
    expect(bad.ok ? [] : bad.errors.map((e) => e.message)).toEqual(['время ЧЧ:ММ по Москве, например 08:00']);
    const twice = validateConfigBody('shifts', { changes: ['08:00', '08:00'] });
    expect(twice.ok).toBe(false);
  });
});

describe('procedures', () => {
  it('the built-in document is valid and names a procedure for the detectors’ alarms', () => {
    expect(validateConfigBody('procedures', DEFAULT_PROCEDURES).ok).toBe(true);
    expect(procedureFor(DEFAULT_PROCEDURES, 'spike')?.steps.length).toBeGreaterThan(0);
    expect(procedureFor(DEFAULT_PROCEDURES, 'no-such-rule')).toBeUndefined();
  });

  it('a step naming a contact the directory lacks is refused with its path', () => {
    const doc = structuredClone(DEFAULT_PROCEDURES) as { procedures: { steps: { contact?: string }[] }[] };
    doc.procedures[0]!.steps[0]!.contact = 'nobody';
    const r = validateConfigBody('procedures', doc);
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'procedures.procedures[0].steps[0].contact: контакт «nobody» не найден в справочнике контактов (contacts)',
    ]);
  });

  it('thresholds: a stored body without `detect` gets the detectors’ defaults; a bad one is refused with its path', () => {
    const body = builtInBody('thresholds') as Record<string, unknown>;
    delete body.detect;
    const r = validateConfigBody('thresholds', body);
    expect(r.ok && r.value.detect).toEqual(DEFAULT_DETECT_THRESHOLDS);
    const bad = validateConfigBody('thresholds', { ...body, detect: { spike: { minCount: 0 } } });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(['thresholds.detect.spike.minCount']);
  });
});
