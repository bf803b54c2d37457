/**
 * Fake personal data for the demo source: raw appeal texts carry names, phones, e-mails,
 * flat numbers and handles exactly as real ones do, so redaction is always exercised. All
 * of it is invented; the hub must remove every piece before storing or sending.
 */
import type { Rng } from './random';

const SURNAMES = ['Иванов', 'Петрова', 'Смирнов', 'Васильева', 'Николаев', 'Егорова', 'Алексеев', 'Михайлова', 'Федоров', 'Григорьева'];
const FIRST = ['Иван', 'Анна', 'Сергей', 'Ольга', 'Николай', 'Елена', 'Алексей', 'Марина', 'Дмитрий', 'Татьяна'];
const PATRONYMIC = ['Петрович', 'Ивановна', 'Николаевич', 'Сергеевна', 'Алексеевич', 'Васильевна'];

export interface FakeContact {
  /** The text to append to an appeal. */
  text: string;
  /** Every personal-data fragment in it, for the privacy test. */
  pieces: string[];
}

export function fakeContact(rng: Rng): FakeContact {
  const name = `${rng.pick(SURNAMES)} ${rng.pick(FIRST)} ${rng.pick(PATRONYMIC)}`;
  const phone = `+7 (9${rng.int(10, 99)}) ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`;
  const email = `user${rng.int(100, 99999)}@mail.ru`;
  const flat = `кв. ${rng.int(1, 240)}`;
  const handle = `@resident_${rng.int(1000, 9999)}`;
  const variants: FakeContact[] = [
    { text: `Заявитель: ${name}, тел. ${phone}.`, pieces: [name, phone] },
    { text: `Пишу от имени жильцов, ${flat}. Связь: ${email}`, pieces: [flat, email] },
    { text: `С уважением, ${name}. ${phone}`, pieces: [name, phone] },
    { text: `Пост ${handle}: https://vk.com/wall-${rng.int(1000, 9999)}_${rng.int(1, 999)}`, pieces: [handle, 'vk.com/wall'] },
    { text: `СНИЛС ${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(100, 999)} ${rng.int(10, 99)}, ${flat}`, pieces: [flat] },
  ];
  return rng.pick(variants);
}
