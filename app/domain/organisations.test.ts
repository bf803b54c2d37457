import { describe, expect, it } from 'vitest';
import { municipalities } from './municipality';
import { defaultOrgDirectory, omsuShortName, orgShortName } from './organisations';

describe('organisation short names (issue 18: read at 8 m, no clipped words)', () => {
  it('names an administration in whole words: «Администрация Канашского МО», «Администрация г. Чебоксары»', () => {
    expect(orgShortName('omsu-kanashsky')).toBe('Администрация Канашского МО');
    expect(orgShortName('omsu-mariinsko-posadsky')).toBe('Администрация Мариинско-Посадского МО');
    expect(orgShortName('omsu-cheboksary')).toBe('Администрация г. Чебоксары');
    expect(orgShortName('omsu-novocheboksarsk')).toBe('Администрация г. Новочебоксарск');
  });

  it('every administration of both sets: genitive «…ского МО» or «г. <city>», no «Адм.», no word cut by a dot', () => {
    for (const m of [...municipalities('2025'), ...municipalities('2023')]) {
      const short = omsuShortName(m);
      expect(short).toMatch(
        m.type === 'city_okrug' ? /^Администрация г\. [А-ЯЁ][а-яё-]+$/u : /^Администрация [А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?(ского|цкого) МО$/u,
      );
      // The only dotted abbreviation is «г.».
      expect(short.replace('г. ', '')).not.toMatch(/\./);
    }
  });

  it('the former «Адм. Канашский» a source may still send resolves to the same administration', () => {
    const dir = defaultOrgDirectory();
    expect(dir.resolve('Адм. Канашский')).toBe('omsu-kanashsky');
    expect(dir.resolve('Администрация Канашского МО')).toBe('omsu-kanashsky');
    expect(dir.resolve('Администрация Канашского муниципального округа')).toBe('omsu-kanashsky');
  });
});
