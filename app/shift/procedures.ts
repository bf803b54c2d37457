/**
 * Procedures (SOP) per alarm type (issue 15), as configuration (the `procedures` document):
 * ordered steps, each with a contact from the directory in the same document and a time limit
 * in minutes from the alarm. A procedure applies to the alarms of the rules it names: an
 * alarm rule's id (`alarm-rules`) or a detector's (`spike`, `silence`).
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'латиница в нижнем регистре, цифры и дефис');

/** A person or desk to call: an official's work contact, never a citizen. */
export const ContactSchema = z.strictObject({
  id,
  /** «Диспетчер АО «Водоканал»». */
  name: z.string().min(1).max(120),
  /** «+7 8352 00-00-00», a radio channel, an e-mail. */
  phone: z.string().max(60).default(''),
  note: z.string().max(200).optional(),
});

export const ProcedureStepSchema = z.strictObject({
  /** What to do, «Позвонить диспетчеру оператора». */
  title: z.string().min(1).max(200),
  /** A contact id of the directory. */
  contact: id.optional(),
  /** Minutes from the alarm by which the step must be done. */
  limitMin: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

export const ProcedureSchema = z.strictObject({
  id,
  title: z.string().min(1).max(120),
  /** Alarm rule ids this procedure applies to (`alarm-rules` ids, `spike`, `silence`). */
  rules: z.array(z.string().min(1).max(40)).min(1),
  steps: z.array(ProcedureStepSchema).min(1).max(30),
});

export const ProceduresDocSchema = z
  .strictObject({
    contacts: z.array(ContactSchema).max(500),
    procedures: z.array(ProcedureSchema).max(200),
  })
  .superRefine((doc, ctx) => {
    const contacts = new Set(doc.contacts.map((c) => c.id));
    doc.procedures.forEach((p, i) =>
      p.steps.forEach((s, j) => {
        if (s.contact !== undefined && !contacts.has(s.contact))
          ctx.addIssue({
            code: 'custom',
            path: ['procedures', i, 'steps', j, 'contact'],
            message: `контакт «${s.contact}» не найден в справочнике контактов (contacts)`,
          });
      }),
    );
  });

export type Contact = z.output<typeof ContactSchema>;
export type ProcedureStep = z.output<typeof ProcedureStepSchema>;
export type Procedure = z.output<typeof ProcedureSchema>;
export type ProceduresDoc = z.output<typeof ProceduresDocSchema>;

/** The built-in procedures (version 1): examples a curator replaces with the room's own. */
export const DEFAULT_PROCEDURES: ProceduresDoc = ProceduresDocSchema.parse({
  contacts: [
    { id: 'senior-officer', name: 'Старший смены ЦУР', phone: '' },
    { id: 'operator-dispatch', name: 'Диспетчер ресурсоснабжающей организации', phone: '' },
    { id: 'okrug-head', name: 'Глава администрации округа (дежурный)', phone: '' },
    { id: 'edds', name: 'ЕДДС муниципального округа', phone: '' },
    { id: 'minstroy', name: 'Минстрой Чувашии, дежурный', phone: '' },
  ],
  procedures: [
    {
      id: 'accident-large',
      title: 'Крупная авария ЖКХ',
      rules: ['accident-residents', 'social-object-no-heat'],
      steps: [
        { title: 'Позвонить диспетчеру оператора, уточнить причину и срок', contact: 'operator-dispatch', limitMin: 15 },
        { title: 'Сообщить главе администрации округа', contact: 'okrug-head', limitMin: 30 },
        { title: 'Открыть инцидент в региональной системе', limitMin: 45 },
        { title: 'Доложить в Минстрой', contact: 'minstroy', limitMin: 60 },
      ],
    },
    {
      id: 'spike',
      title: 'Всплеск сообщений',
      rules: ['spike'],
      steps: [
        { title: 'Проверить, нет ли аварии по теме всплеска', limitMin: 15 },
        { title: 'Связаться с ЕДДС округа', contact: 'edds', limitMin: 30 },
        { title: 'Подготовить ответ в соцсетях', limitMin: 60 },
      ],
    },
    {
      id: 'silence',
      title: 'Тишина канала или округа',
      rules: ['silence'],
      steps: [
        { title: 'Проверить подключение источника', limitMin: 30 },
        { title: 'Сообщить старшему смены', contact: 'senior-officer', limitMin: 60 },
      ],
    },
  ],
});

/** The procedure for an alarm of `rule` (the first that names it), if any. */
export function procedureFor(doc: ProceduresDoc, rule: string): Procedure | undefined {
  return doc.procedures.find((p) => p.rules.includes(rule));
}
