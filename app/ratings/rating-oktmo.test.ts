import { describe, expect, it } from 'vitest';
import { ratedOktmo, scoresByOktmo } from './rating-oktmo';

const CHEB = '97701000';
const ALATYRSKY = '97503000';
/** Алатырь, a city okrug of the 2023 set, merged into Алатырский in 2025. */
const ALATYR_2023 = '97704000';

describe('where a rated body sits on the map', () => {
  it('maps OKTMO keys to the set, a 2023 city okrug to its 2025 okrug', () => {
    expect(ratedOktmo(CHEB, 'municipality')).toEqual({ oktmo: CHEB, exact: true });
    expect(ratedOktmo(ALATYR_2023, 'municipality')).toEqual({ oktmo: ALATYRSKY, exact: false });
    expect(ratedOktmo(ALATYR_2023, 'municipality', '2023')).toEqual({ oktmo: ALATYR_2023, exact: true });
    expect(ratedOktmo('97999000', 'municipality')).toBeUndefined();
  });

  it('maps an ОМСУ org id by its municipality slug; a republic body has no territory', () => {
    expect(ratedOktmo('omsu-cheboksary', 'org')).toEqual({ oktmo: CHEB, exact: true });
    expect(ratedOktmo('omsu-alatyr', 'org')).toEqual({ oktmo: ALATYRSKY, exact: false });
    expect(ratedOktmo('omsu-alatyr', 'org', '2023')).toEqual({ oktmo: ALATYR_2023, exact: true });
    expect(ratedOktmo('oiv-minzdrav', 'org')).toBeUndefined();
    expect(ratedOktmo('omsu-atlantis', 'org')).toBeUndefined();
  });

  it('keeps a municipality its own score; one with merged bodies only gets their mean', () => {
    expect(scoresByOktmo({ [CHEB]: 91.5, [ALATYR_2023]: 70, [ALATYRSKY]: 88 }, 'municipality')).toEqual({ [CHEB]: 91.5, [ALATYRSKY]: 88 });
    expect(scoresByOktmo({ 'omsu-alatyr': 70, 'omsu-kanash': 81, 'oiv-minstroy': 50 }, 'org')).toEqual({ [ALATYRSKY]: 70, '97516000': 81 });
  });
});
