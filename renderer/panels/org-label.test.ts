import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATIONS, UNMATCHED_ORG, UNMATCHED_ORG_ID } from '../../app/domain/organisations';
import { resetHubConfig, setOrganisations, useHubConfig } from '../state/live-config-store';
import { orgDirectory, orgLabel } from './org-label';

const renamed = (short: string) => DEFAULT_ORGANISATIONS.map((o) => (o.id === 'oiv-minzdrav' ? { ...o, short } : o));

afterEach(() => resetHubConfig());

describe('the wall’s organisation names follow the hub’s organisations document (issue 12)', () => {
  it('built-in until a document above version 1 comes', () => {
    expect(orgLabel('oiv-minzdrav')).toBe('Минздрав');
    expect(orgLabel(UNMATCHED_ORG_ID)).toBe(UNMATCHED_ORG);
    expect(orgLabel('no-such-org')).toBe('no-such-org');
  });

  it('takes a new version from the worker at once; an older or repeated one changes nothing', () => {
    setOrganisations({ version: 2, body: renamed('Минздрав ЧР') });
    expect(orgLabel('oiv-minzdrav')).toBe('Минздрав ЧР');
    expect(useHubConfig.getState().versions.organisations).toBe(2);
    setOrganisations({ version: 2, body: renamed('Другое') });
    setOrganisations({ version: 1, body: DEFAULT_ORGANISATIONS });
    expect(orgLabel('oiv-minzdrav')).toBe('Минздрав ЧР');
    setOrganisations({ version: 3, body: [...renamed('Минздрав'), { id: 'op-new', name: 'ООО «Новый оператор»', short: 'Новый оператор', type: 'operator' }] });
    expect(orgLabel('oiv-minzdrav')).toBe('Минздрав');
    expect(orgLabel('op-new')).toBe('Новый оператор');
    expect(orgDirectory().get('op-new')?.type).toBe('operator');
  });

  it('a removed organisation shows as its id', () => {
    setOrganisations({ version: 2, body: DEFAULT_ORGANISATIONS.filter((o) => o.id !== 'oiv-minzdrav') });
    expect(orgLabel('oiv-minzdrav')).toBe('oiv-minzdrav');
  });
});
