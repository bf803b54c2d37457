/**
 * A generated corpus of appeal texts with known personal-data spans, for measuring the
 * redactor (recall per category, false positives) and for proving that none of it reaches a
 * public screen. Names are declined by an independent library (lvovich) into every case and
 * written in every usual order (full name, first + last, last + initials, initials + last, a
 * lone surname after a cue); numbers in their written forms (phones with and without a
 * trunk code, local 2-2-2 numbers, passports «серии 97 03 № 123456», СНИЛС, ИНН, plates,
 * birth dates); flats and house numbers. The negative texts (no personal data at all) use
 * towns, streets, organisations, school numbers, dates of events and routes, and measure
 * the false positives.
 */
import { incline } from 'lvovich';
import { mulberry32 } from './rng';

export type PiiKind = 'name' | 'phone' | 'email' | 'passport' | 'snils' | 'inn' | 'plate' | 'birthdate' | 'flat' | 'house' | 'handle' | 'link';

export interface PiiSpan {
  kind: PiiKind;
  /** The exact text as written in the appeal. */
  text: string;
}

export interface CorpusText {
  text: string;
  spans: PiiSpan[];
}

// Surnames and first names of the corpus: common in Chuvashia, chosen independently of the
// redactor's own lists; a few other surname types (-ский, -ко, -ук, -ян) on purpose.
const SURNAMES_M = [
  'Кузнецов',
  'Васильев',
  'Петров',
  'Николаев',
  'Ильин',
  'Тимофеев',
  'Степанов',
  'Андреев',
  'Дмитриев',
  'Яковлев',
  'Павлов',
  'Сергеев',
  'Филиппов',
  'Максимов',
  'Антонов',
  'Афанасьев',
  'Романов',
  'Семёнов',
  'Гаврилов',
  'Ефимов',
  'Прокопьев',
  'Кириллов',
  'Захаров',
  'Никитин',
  'Матвеев',
  'Архипов',
  'Арсентьев',
  'Трофимов',
  'Ермолаев',
  'Данилов',
  'Сорокин',
  'Лаврентьев',
  'Хайруллин',
  'Покровский',
  'Шевченко',
  'Ковальчук',
  'Петросян',
  'Игнатьев',
  'Краснов',
  'Воронин',
];
const FIRST_M = [
  'Иван',
  'Пётр',
  'Николай',
  'Сергей',
  'Алексей',
  'Андрей',
  'Дмитрий',
  'Михаил',
  'Владимир',
  'Виктор',
  'Геннадий',
  'Юрий',
  'Анатолий',
  'Василий',
  'Евгений',
  'Олег',
  'Игорь',
  'Константин',
  'Роман',
  'Максим',
  'Артём',
  'Никита',
  'Илья',
  'Павел',
  'Григорий',
];
const FIRST_F = [
  'Мария',
  'Анна',
  'Елена',
  'Ольга',
  'Татьяна',
  'Наталья',
  'Ирина',
  'Светлана',
  'Галина',
  'Людмила',
  'Надежда',
  'Екатерина',
  'Валентина',
  'Любовь',
  'Марина',
  'Юлия',
  'Алина',
  'Дарья',
  'Зинаида',
  'Нина',
  'Лидия',
  'Вера',
  'Оксана',
  'Софья',
];
const FATHERS = ['Иван', 'Пётр', 'Николай', 'Сергей', 'Алексей', 'Михаил', 'Василий', 'Геннадий', 'Юрий', 'Анатолий', 'Владимир', 'Григорий'];

type Case = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';

const TOWNS = [
  'г. Чебоксары',
  'г. Новочебоксарск',
  'г. Канаш',
  'г. Алатырь',
  'г. Шумерля',
  'с. Батырево',
  'пгт Вурнары',
  'г. Цивильск',
  'с. Моргауши',
  'пос. Кугеси',
];
const STREETS = [
  'ул. Ленина',
  'ул. К. Маркса',
  'пр. Мира',
  'ул. Гагарина',
  'ул. Калинина',
  'ул. Пролетарская',
  'пр. Ленинского Комсомола',
  'ул. Эгерский бульвар',
  'ул. Хузангая',
  'пр. Тракторостроителей',
];
const TOPICS = [
  'Нет отопления',
  'Яма на проезжей части',
  'Не вывезен мусор',
  'Протечка кровли',
  'Нет горячей воды',
  'Не убран снег во дворе',
  'Автобус не пришёл',
  'Сломана детская площадка',
];
const ORGS = ['Т Плюс', 'Водоканал', 'Минздрав', 'управляющая компания', 'Россети Волга', 'администрация округа'];

/** The corpus the tests use; the bench and the held-out check use other seeds. */
export const CORPUS_SEED = 20261207;

interface Person {
  first: string;
  last: string;
  middle: string;
}

export function makeCorpus(n: number, seed = CORPUS_SEED): { positive: CorpusText[]; negative: string[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const digits = (k: number): string => Array.from({ length: k }, () => String(int(0, 9))).join('');
  const pad = (v: number): string => String(v).padStart(2, '0');

  function person(): Person {
    const male = rnd() < 0.5;
    const father = pick(FATHERS);
    const surname = pick(SURNAMES_M);
    const last = male ? surname : feminine(surname);
    const patronym = male ? patronymicM(father) : patronymicF(father);
    return { first: male ? pick(FIRST_M) : pick(FIRST_F), last, middle: patronym };
  }

  function declined(p: Person, c: Case): Person {
    const r = incline({ first: p.first, last: p.last, middle: p.middle }, c);
    return { first: r.first ?? p.first, last: r.last ?? p.last, middle: r.middle ?? p.middle };
  }

  const initial = (w: string): string => `${w[0]}.`;

  /** A name written one of the usual ways, in case `c`. */
  function nameForm(p: Person, c: Case): string {
    const d = declined(p, c);
    const forms = [
      `${d.last} ${d.first} ${d.middle}`,
      `${d.first} ${d.middle} ${d.last}`,
      `${d.first} ${d.last}`,
      `${d.last} ${d.first}`,
      `${d.last} ${initial(p.first)} ${initial(p.middle)}`,
      `${d.last} ${initial(p.first)}${initial(p.middle)}`,
      `${initial(p.first)} ${initial(p.middle)} ${d.last}`,
      `${initial(p.first)}${initial(p.middle)} ${d.last}`,
      `${d.last} ${initial(p.first)}`,
      `${d.first} ${d.middle}`,
    ];
    const f = pick(forms);
    return rnd() < 0.05 ? f.toUpperCase() : f;
  }

  const NAME_TEMPLATES: readonly [Case, (n: string) => string][] = [
    ['nominative', (n) => `${n} просит разобраться.`],
    ['nominative', (n) => `Заявитель: ${n}.`],
    ['nominative', (n) => `С уважением, ${n}`],
    ['nominative', (n) => `Жалуется ${n}, жилец дома.`],
    ['genitive', (n) => `Поступило обращение от ${n} о проблеме.`],
    ['genitive', (n) => `Обращение ${n} рассмотрено.`],
    ['genitive', (n) => `жалоба гр. ${n} на соседей`],
    ['dative', (n) => `Письмо ${n} направлено в округ.`],
    ['dative', (n) => `ответ дан ${n} по телефону`],
    ['accusative', (n) => `Прошу наказать ${n} за бездействие.`],
    ['accusative', (n) => `вызвали ${n} на место`],
    ['instrumental', (n) => `Вопрос согласован с ${n}.`],
    ['instrumental', (n) => `разговаривали с ${n} вчера`],
    ['prepositional', (n) => `Речь о ${n}, который не отвечает.`],
  ];
  // A lone surname after a word that introduces a person («гр. Николаевой», «участкового Ильина»).
  const CUED: readonly [Case, string][] = [
    ['genitive', 'участкового'],
    ['genitive', 'гр.'],
    ['nominative', 'соседка'],
    ['nominative', 'гражданин'],
    ['genitive', 'жалоба на мастера'],
    ['dative', 'передано инспектору'],
  ];

  const numberSpans: (() => PiiSpan)[] = [
    () => ({ kind: 'phone', text: `+7 (9${int(10, 99)}) ${int(100, 999)}-${pad(int(0, 99))}-${pad(int(0, 99))}` }),
    () => ({ kind: 'phone', text: `8-9${int(10, 99)}-${int(100, 999)}-${pad(int(0, 99))}-${pad(int(0, 99))}` }),
    () => ({ kind: 'phone', text: `8 (8352) ${int(20, 79)}-${pad(int(0, 99))}-${pad(int(0, 99))}` }),
    () => ({ kind: 'phone', text: `${int(20, 79)}-${pad(int(0, 99))}-${pad(int(0, 99))}` }),
    () => ({ kind: 'phone', text: `+79${digits(9)}` }),
    () => ({ kind: 'email', text: `${pick(['ivan', 'mari', 'user', 'cheb'])}${int(1, 9999)}@${pick(['mail.ru', 'yandex.ru', 'gmail.com'])}` }),
    () => ({ kind: 'passport', text: `серии ${pad(int(90, 99))} ${pad(int(0, 99))} № ${digits(6)}` }),
    () => ({ kind: 'passport', text: `паспорт ${int(9700, 9799)} ${digits(6)}` }),
    () => ({ kind: 'passport', text: `серия ${int(9700, 9799)} номер ${digits(6)}` }),
    () => ({ kind: 'snils', text: `${digits(3)}-${digits(3)}-${digits(3)} ${digits(2)}` }),
    () => ({ kind: 'inn', text: `21${digits(10)}` }),
    () => ({
      kind: 'plate',
      text: `${pick([...'АВЕКМНОРСТУХ'])}${int(100, 999)}${pick([...'АВЕКМНОРСТУХ'])}${pick([...'АВЕКМНОРСТУХ'])} ${pick(['21', '121', '12'])}`,
    }),
    () => ({ kind: 'plate', text: `${pick([...'авекмнорстух'])}${int(100, 999)}${pick([...'авекмнорстух'])}${pick([...'авекмнорстух'])}21` }),
    () => ({ kind: 'birthdate', text: `${pad(int(1, 28))}.${pad(int(1, 12))}.${int(1940, 2008)}` }),
    () => ({ kind: 'birthdate', text: `${int(1, 28)} ${pick(['января', 'марта', 'мая', 'октября'])} ${int(1940, 2008)} г.р.` }),
    () => ({ kind: 'birthdate', text: `${int(1940, 2008)} г.р.` }),
    () => ({ kind: 'flat', text: `кв. ${int(1, 240)}` }),
    () => ({ kind: 'handle', text: `@${pick(['cheb', 'resident', 'mama'])}_${int(10, 9999)}` }),
    () => ({ kind: 'link', text: `https://vk.com/id${digits(7)}` }),
  ];
  const NUMBER_TEMPLATES: readonly ((s: string) => string)[] = [
    (s) => `Контакт для связи: ${s}.`,
    (s) => `${pick(TOPICS)}. Мои данные: ${s}`,
    (s) => `Прошу перезвонить, ${s}, вечером.`,
    (s) => `${s} — указываю по требованию.`,
  ];

  const positive: CorpusText[] = [];
  for (let i = 0; i < n; i++) {
    const place = `${pick(TOWNS)}, ${pick(STREETS)}`;
    const parts: string[] = [`${pick(TOPICS)}. ${place}.`];
    const spans: PiiSpan[] = [];
    const r = rnd();
    if (r < 0.55) {
      const p = person();
      if (rnd() < 0.15) {
        const [c, cue] = pick(CUED);
        const last = declined(p, c).last;
        parts.push(`Прошу принять меры: ${cue} ${last} не реагирует.`);
        spans.push({ kind: 'name', text: last });
      } else {
        const [c, t] = pick(NAME_TEMPLATES);
        const name = nameForm(p, c);
        parts.push(t(name));
        spans.push({ kind: 'name', text: name });
      }
    }
    if (r >= 0.35) {
      const s = pick(numberSpans)();
      parts.push(pick(NUMBER_TEMPLATES)(s.text));
      spans.push(s);
    }
    if (rnd() < 0.2) {
      const house = `${pick(STREETS)}, д. ${int(1, 150)}`;
      parts.push(`Адрес: ${house}.`);
      spans.push({ kind: 'house', text: house });
    }
    positive.push({ text: parts.join(' '), spans });
  }

  const NEGATIVE: readonly (() => string)[] = [
    () => `${pick(TOPICS)}. ${pick(TOWNS)}, ${pick(STREETS)}.`,
    () => `${pick(TOPICS)} в школе № ${int(1, 60)}, ${pick(TOWNS)}.`,
    () => `С ${pad(int(1, 28))}.${pad(int(1, 12))}.2026 ${pick(TOPICS).toLowerCase()}, ${pick(ORGS)} не отвечает.`,
    () => `Автобус маршрута № ${int(1, 60)} не пришёл в ${pad(int(6, 22))}:${pad(int(0, 59))}, ${pick(TOWNS)}.`,
    () => `${pick(ORGS)} обещали устранить до ${int(1, 28)} ${pick(['января', 'февраля', 'декабря'])}. ${pick(TOWNS)}.`,
    () => `Перекрыт проезд на ${pick(STREETS)}, ${pick(TOWNS)}. Ремонт идёт ${int(2, 9)} дней.`,
    () => `Платёж ${int(500, 9000)} руб. за отопление при отсутствии тепла, ${pick(TOWNS)}.`,
    () => `Сосульки над входом в поликлинику, ${pick(STREETS)}, ${pick(TOWNS)}.`,
    () => `${pick(TOPICS)}. Температура в квартирах +${int(12, 17)} градусов.`,
    () => `На Московском проспекте и на улице Калинина не горят фонари, ${pick(TOWNS)}.`,
    () => `В д. Иваново и с. Шихазаны ${pick(TOPICS).toLowerCase()}.`,
    () => `Магазин у остановки «Дом мод» закрыт, ${pick(ORGS)} не реагирует.`,
    () => `Отключение по графику Россети Волга, Чебоксарский округ, ${int(3, 40)} домов.`,
    () => `Парк «Лакреевский лес»: ${pick(TOPICS).toLowerCase()}.`,
    () => `Сквер имени Чапаева, ${pick(TOWNS)}: сломаны скамейки.`,
    () => `Горячей воды нет с ${pad(int(1, 28))} ${pick(['марта', 'апреля'])}, Т Плюс сроки не называет.`,
    () => `Домов без отопления уже ${int(2, 30)}, ${pick(TOWNS)}.`,
  ];
  const negative = Array.from({ length: Math.ceil(n / 2) }, () => pick(NEGATIVE)());
  return { positive, negative };
}

function feminine(surname: string): string {
  if (/(?:ов|ев|ёв|ин|ын)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ский')) return `${surname.slice(0, -2)}ая`;
  return surname;
}

function patronymicM(father: string): string {
  const f = father.replace('ё', 'е');
  if (f.endsWith('ий')) return `${f.slice(0, -2)}ьевич`;
  if (f.endsWith('й')) return `${f.slice(0, -1)}евич`;
  return `${f}ович`;
}

function patronymicF(father: string): string {
  return patronymicM(father).replace(/ич$/, 'на');
}
