/**
 * Russian first names (the forms a citizen signs with), declined into every case by the
 * rules of Russian grammar, for the personal-data redactor. Lists: the most frequent given
 * names in Russia and in Chuvashia (Chuvash names in Russian spelling included); full forms
 * and the usual short forms people sign with (Саша, Лена).
 */
const MALE = `Александр Алексей Анатолий Андрей Антон Аркадий Арсений Артём Артем Артур Борис Вадим Валентин Валерий
Василий Виктор Виталий Владимир Владислав Всеволод Вячеслав Габриэль Геннадий Георгий Герман Глеб Григорий Даниил Данил Денис
Дмитрий Евгений Егор Иван Игорь Илья Иннокентий Иосиф Кирилл Константин Лев Леонид Макар Максим Марк Матвей Михаил
Никита Николай Олег Павел Пётр Петр Платон Роберт Родион Роман Руслан Рустам Савва Семён Семен Сергей Станислав Степан
Тимофей Тимур Фёдор Федор Филипп Эдуард Юрий Яков Ярослав Эльдар Ринат Марат Айдар Ильдар Рамиль Нарспи Улып Атнер
Эрнест Эльмир Вениамин Ефим Захар Прохор Мирон Тихон Остап Даниэль Вилен Геронтий Зиновий Мартын Никифор Трофим Харитон
Саша Женя Дима Коля Серёжа Сережа Миша Вова Лёша Леша Паша Петя Ваня Толя Витя Юра Слава`;
const FEMALE = `Александра Алёна Алена Алина Алиса Алла Анастасия Ангелина Анна Антонина Валентина Валерия Варвара Вера Вероника
Виктория Галина Дарья Диана Ева Евгения Екатерина Елена Елизавета Жанна Зинаида Зоя Инна Ирина Кира Клавдия Кристина Ксения
Лариса Лидия Любовь Людмила Маргарита Марина Мария Милана Надежда Наталья Наталия Нина Оксана Ольга Полина Раиса Римма
Светлана София Софья Тамара Татьяна Ульяна Эльвира Юлия Яна Альбина Лилия Гульнара Регина Эвелина Нелли Нонна Эмилия
Таисия Фаина Олеся Снежана Стелла Элина Ярослава Василиса Арина Злата Агата Майя Роза Луиза Ираида Капитолина Евдокия
Лена Наташа Таня Света Оля Юля Галя Люда Катя Маша Надя Ира Аня Люба Даша Настя Вика Ксюша`;

const SIBILANT_OR_VELAR = /[гкхжшчщ]$/;

/** Every case form of a first name (nominative first). */
export function firstNameForms(name: string): string[] {
  const stem = name.slice(0, -1);
  if (name.endsWith('ия')) return [name, `${stem}и`, `${stem}ю`, `${stem}ей`, `${stem}ею`];
  if (name.endsWith('ья')) return [name, `${stem}и`, `${stem}е`, `${stem}ю`, `${stem}ей`, `${stem}ёй`, `${stem}ею`];
  if (name.endsWith('я')) return [name, `${stem}и`, `${stem}е`, `${stem}ю`, `${stem}ей`, `${stem}ёй`];
  if (name.endsWith('а')) {
    const gen = SIBILANT_OR_VELAR.test(stem) ? `${stem}и` : `${stem}ы`;
    const ins = /[жшчщц]$/.test(stem) ? `${stem}ей` : `${stem}ой`;
    return [name, gen, `${stem}е`, `${stem}у`, ins, `${ins.slice(0, -1)}ю`];
  }
  if (name === 'Любовь') return [name, 'Любови'];
  if (name === 'Пётр' || name === 'Петр') return [name, 'Петра', 'Петру', 'Петром', 'Петре'];
  if (name === 'Лев') return [name, 'Льва', 'Льву', 'Львом', 'Льве'];
  if (name === 'Павел') return [name, 'Павла', 'Павлу', 'Павлом', 'Павле'];
  if (name.endsWith('ий')) return [name, `${stem}я`, `${stem}ю`, `${stem}ем`, `${stem}и`];
  if (name.endsWith('й') || name.endsWith('ь')) return [name, `${stem}я`, `${stem}ю`, `${stem}ем`, `${stem}е`, `${stem}ём`];
  if (/[аеёиоуыэюя]$/.test(name)) return [name];
  const ins = /[жшчщц]$/.test(name) ? `${name}ем` : `${name}ом`;
  return [name, `${name}а`, `${name}у`, ins, `${name}е`];
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** Every form of every listed first name. */
export const FIRST_NAME_FORMS: ReadonlySet<string> = new Set([...words(MALE), ...words(FEMALE)].flatMap(firstNameForms));
