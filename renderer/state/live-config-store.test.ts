import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS } from '../../app/domain/sector';
import { DEFAULT_MEETING_SCRIPTS } from '../../app/meetings/meeting-script';
import { applyConfigDoc, applyConfigState, resetHubConfig, useHubConfig } from './live-config-store';

const withSector = [...DEFAULT_SECTORS.slice(0, -1), { id: 'tourism', label: 'Туризм', color: [10, 20, 30] }, DEFAULT_SECTORS[DEFAULT_SECTORS.length - 1]!];
const state = (docs: Record<string, number>) => ({ documents: Object.entries(docs).map(([name, version]) => ({ name, version, updatedAt: 0 })) });

describe("the control pages' live configuration", () => {
  beforeEach(resetHubConfig);

  it('starts with the built-in documents', () => {
    const s = useHubConfig.getState();
    expect(s.sectors).toBe(DEFAULT_SECTORS);
    expect(s.meetingScripts).toBe(DEFAULT_MEETING_SCRIPTS);
    expect(s.orgs.get('oiv-minzdrav')?.short).toBe('Минздрав');
    expect(s.problem).toBeNull();
  });

  it('applies a newer sectors document and ignores an older or equal one', () => {
    expect(applyConfigDoc({ name: 'sectors', version: 3, body: withSector })).toBe(true);
    expect(useHubConfig.getState().sectors.find((s) => s.id === 'tourism')?.label).toBe('Туризм');
    expect(useHubConfig.getState().versions.sectors).toBe(3);
    expect(applyConfigDoc({ name: 'sectors', version: 3, body: DEFAULT_SECTORS })).toBe(false);
    expect(applyConfigDoc({ name: 'sectors', version: 2, body: DEFAULT_SECTORS })).toBe(false);
    expect(useHubConfig.getState().sectors.some((s) => s.id === 'tourism')).toBe(true);
  });

  it('applies topics, organisations and meeting scripts', () => {
    applyConfigDoc({ name: 'topics', version: 2, body: [{ id: 'other.tourism', sector: 'other', label: 'Туристическая тропа' }] });
    expect(useHubConfig.getState().topics.find('other.tourism')?.label).toBe('Туристическая тропа');
    applyConfigDoc({ name: 'organisations', version: 2, body: [{ id: 'oiv-tour', name: 'Агентство туризма', short: 'Турагентство', type: 'oiv' }] });
    expect(useHubConfig.getState().orgs.get('oiv-tour')?.short).toBe('Турагентство');
    expect(useHubConfig.getState().orgs.get('oiv-minzdrav')).toBeUndefined();
    const script = { ...DEFAULT_MEETING_SCRIPTS[0]!, id: 'monday-v2', title: 'Планёрка понедельника, v2' };
    expect(applyConfigDoc({ name: 'meeting-scripts', version: 2, body: [...DEFAULT_MEETING_SCRIPTS, script] })).toBe(true);
    expect(useHubConfig.getState().meetingScripts.map((s) => s.title)).toContain('Планёрка понедельника, v2');
  });

  it('keeps the last good version of a document that fails its schema and says so in Russian', () => {
    applyConfigDoc({ name: 'sectors', version: 2, body: withSector });
    expect(applyConfigDoc({ name: 'sectors', version: 3, body: [{ id: 'x', label: '', color: [1, 2] }] })).toBe(false);
    const s = useHubConfig.getState();
    expect(s.sectors.some((x) => x.id === 'tourism')).toBe(true);
    expect(s.versions.sectors).toBe(2);
    expect(s.problem).toMatch(/^Настройка «.+» v3 не применена \(.+\); действует v2$/);
    // The next good version clears the word.
    expect(applyConfigDoc({ name: 'sectors', version: 4, body: DEFAULT_SECTORS })).toBe(true);
    expect(useHubConfig.getState().problem).toBeNull();
  });

  it('ignores documents it does not apply and malformed messages', () => {
    expect(applyConfigDoc({ name: 'alarm-rules', version: 5, body: [] })).toBe(false);
    expect(applyConfigDoc({ name: 'sectors', body: withSector })).toBe(false);
    expect(applyConfigDoc('sectors')).toBe(false);
    expect(useHubConfig.getState().sectors).toBe(DEFAULT_SECTORS);
    expect(useHubConfig.getState().problem).toBeNull();
  });

  it("goes back to the built-in body when the hub's version is below the one in effect (a new hub)", () => {
    applyConfigDoc({ name: 'sectors', version: 5, body: withSector });
    applyConfigState(state({ sectors: 5, topics: 1 }));
    expect(useHubConfig.getState().versions.sectors).toBe(5);
    applyConfigState(state({ sectors: 2 }));
    expect(useHubConfig.getState().sectors).toEqual(DEFAULT_SECTORS);
    expect(useHubConfig.getState().versions.sectors).toBeUndefined();
    // The new hub's version 2 is then taken.
    expect(applyConfigDoc({ name: 'sectors', version: 2, body: withSector })).toBe(true);
  });
});
