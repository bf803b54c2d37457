import { describe, expect, it } from 'vitest';
import { ControlCommandSchema } from '../protocol/control';
import { DEFAULT_MEETING_SCRIPTS, MeetingScriptsSchema, stepCommands, stepTitle } from './meeting-script';

describe('meeting scripts', () => {
  it('ships «ЖКХ за неделю», «Рейтинг ОМСУ» and «Канашский округ»', () => {
    expect(DEFAULT_MEETING_SCRIPTS.map((s) => s.title)).toEqual(expect.arrayContaining(['ЖКХ за неделю', 'Рейтинг ОМСУ', 'Канашский округ']));
  });

  it('turns every default step into commands the hub accepts', () => {
    for (const script of DEFAULT_MEETING_SCRIPTS) {
      script.steps.forEach((_, i) => {
        const cmds = stepCommands(script, i);
        expect(cmds[0]).toEqual({ type: 'script:step', script: script.id, step: i });
        for (const c of cmds) expect(ControlCommandSchema.safeParse(c).success).toBe(true);
      });
    }
  });

  it('spotlights the step municipality, and clears a previous spotlight otherwise', () => {
    const kanash = DEFAULT_MEETING_SCRIPTS.find((s) => s.id === 'kanash')!;
    expect(stepCommands(kanash, 0)[2]).toMatchObject({ type: 'focus:set', oktmo: '97516000' });
    expect(stepCommands(kanash, 3)[2]).toEqual({ type: 'focus:clear' });
    expect(() => stepCommands(kanash, 99)).toThrow(RangeError);
  });

  it('titles a step by its scene when it has no title', () => {
    const [s] = MeetingScriptsSchema.parse([{ id: 'x', title: 'X', steps: [{ scene: 'sector:healthcare' }] }]);
    expect(stepTitle(s!.steps[0]!)).toBe('Здравоохранение');
    expect(s!.steps[0]!.period).toBe('week');
  });

  it('refuses duplicate ids, unknown municipalities and bad filters', () => {
    const step = { scene: 'overview' };
    expect(
      MeetingScriptsSchema.safeParse([
        { id: 'a', title: 'A', steps: [step] },
        { id: 'a', title: 'B', steps: [step] },
      ]).success,
    ).toBe(false);
    expect(MeetingScriptsSchema.safeParse([{ id: 'a', title: 'A', steps: [{ ...step, spotlight: '97999000' }] }]).success).toBe(false);
    expect(MeetingScriptsSchema.safeParse([{ id: 'a', title: 'A', steps: [{ ...step, filter: { channels: ['fax'] } }] }]).success).toBe(false);
    expect(MeetingScriptsSchema.safeParse([{ id: 'a', title: 'A', steps: [] }]).success).toBe(false);
  });
});
