/**
 * The production calendar as a configuration document (`production-calendar`, issue 11: «the
 * production calendar as a data file replaceable without code»): the years with their decree's
 * transfers, validated here; the hub stores and pushes it like every document, and the wall's
 * worker counts working time on it at once. The built-in body is `RU_PRODUCTION_YEARS`.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'дата: ГГГГ-ММ-ДД');

export const ProductionYearSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    /** True once the Government decree on the transfers is signed. */
    confirmed: z.boolean(),
    /** The decree (or the law) the transfers come from. */
    source: z.string().min(1).max(300),
    holidays: z.array(isoDate).max(40),
    extraDaysOff: z.array(isoDate).max(60),
    workingWeekendDays: z.array(isoDate).max(20),
    shortDays: z.array(isoDate).max(20),
  })
  .superRefine((y, ctx) => {
    for (const key of ['holidays', 'extraDaysOff', 'workingWeekendDays', 'shortDays'] as const) {
      y[key].forEach((d, i) => {
        if (!d.startsWith(`${y.year}-`)) ctx.addIssue({ code: 'custom', path: [key, i], message: `дата ${d} не из ${y.year} года` });
      });
    }
  });

export const ProductionYearsSchema = z
  .array(ProductionYearSchema)
  .min(1)
  .max(50)
  .superRefine((ys, ctx) => {
    const seen = new Set<number>();
    ys.forEach((y, i) => {
      if (seen.has(y.year)) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `${y.year} год указан дважды` });
      seen.add(y.year);
    });
  });
