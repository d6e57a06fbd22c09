import { Random } from '../lib/random';

/** A name in the three languages of the register: English, Persian, Russian. */
export interface Names {
  en: string;
  fa: string;
  ru: string;
}

/** [English, Persian, Russian] spellings of one piece of a name. */
type Piece = readonly [string, string, string];

/**
 * Syllables written in the three scripts, so that an invented name reads the same in each
 * language. Names made of three or more of them are not real places, and generate.ts checks
 * every one against the register's slugs and match keys anyway.
 */
const SYLLABLES: readonly Piece[] = [
  ['ba', 'با', 'ба'], ['da', 'دا', 'да'], ['ka', 'کا', 'ка'], ['la', 'لا', 'ла'], ['ma', 'ما', 'ма'],
  ['na', 'نا', 'на'], ['ra', 'را', 'ра'], ['sa', 'سا', 'са'], ['ta', 'تا', 'та'], ['va', 'وا', 'ва'],
  ['za', 'زا', 'за'], ['sha', 'شا', 'ша'], ['kho', 'خو', 'хо'], ['go', 'گو', 'го'], ['do', 'دو', 'до'],
  ['mo', 'مو', 'мо'], ['no', 'نو', 'но'], ['ro', 'رو', 'ро'], ['so', 'سو', 'со'], ['to', 'تو', 'то'],
  ['ri', 'ری', 'ри'], ['mi', 'می', 'ми'], ['ni', 'نی', 'ни'], ['li', 'لی', 'ли'], ['di', 'دی', 'ди'],
  ['vi', 'وی', 'ви'], ['ki', 'کی', 'ки'], ['zi', 'زی', 'зи'], ['bor', 'بور', 'бор'], ['dan', 'دان', 'дан'],
  ['gar', 'گار', 'гар'], ['kan', 'کان', 'кан'], ['lor', 'لور', 'лор'], ['mar', 'مار', 'мар'], ['nar', 'نار', 'нар'],
  ['sar', 'سار', 'сар'], ['tan', 'تان', 'тан'], ['var', 'وار', 'вар'], ['zan', 'زان', 'зан'], ['dor', 'دور', 'дор'],
  ['kel', 'کل', 'кел'], ['ver', 'ور', 'вер'], ['mir', 'میر', 'мир'], ['dar', 'دار', 'дар'], ['tal', 'تال', 'тал'],
  ['ben', 'بن', 'бен'], ['ler', 'لر', 'лер'], ['pol', 'پل', 'пол'], ['fen', 'فن', 'фен'], ['jur', 'جور', 'джур'],
];

const PLACE_ENDINGS: readonly Piece[] = [
  ['abad', 'آباد', 'абад'], ['grad', 'گراد', 'град'], ['kent', 'کنت', 'кент'], ['shahr', 'شهر', 'шахр'],
  ['ovo', 'اوو', 'ово'], ['dorf', 'دورف', 'дорф'], ['ino', 'ینو', 'ино'], ['sk', 'سک', 'ск'],
];

const GIVEN_NAMES: readonly Piece[] = [
  ['Arash', 'آرش', 'Араш'], ['Maryam', 'مریم', 'Марьям'], ['Sara', 'سارا', 'Сара'], ['Reza', 'رضا', 'Реза'],
  ['Ali', 'علی', 'Али'], ['Ivan', 'ایوان', 'Иван'], ['Olga', 'اولگا', 'Ольга'], ['Dmitry', 'دمیتری', 'Дмитрий'],
  ['Anna', 'آنا', 'Анна'], ['Elena', 'النا', 'Елена'], ['Sergey', 'سرگئی', 'Сергей'], ['Nina', 'نینا', 'Нина'],
  ['Omid', 'امید', 'Омид'], ['Leila', 'لیلا', 'Лейла'], ['Parisa', 'پریسا', 'Париса'], ['Kaveh', 'کاوه', 'Каве'],
  ['Navid', 'نوید', 'Навид'], ['Farhad', 'فرهاد', 'Фархад'], ['Shirin', 'شیرین', 'Ширин'], ['Hamid', 'حمید', 'Хамид'],
  ['Mikhail', 'میخائیل', 'Михаил'], ['Pavel', 'پاول', 'Павел'], ['Tatiana', 'تاتیانا', 'Татьяна'], ['Irina', 'ایرینا', 'Ирина'],
  ['Boris', 'بوریس', 'Борис'], ['Yusuf', 'یوسف', 'Юсуф'], ['Amir', 'امیر', 'Амир'], ['Zahra', 'زهرا', 'Захра'],
  ['Marco', 'مارکو', 'Марко'], ['Sofia', 'سوفیا', 'София'], ['Lucas', 'لوکاس', 'Лукас'], ['Emma', 'اما', 'Эмма'],
  ['Hans', 'هانس', 'Ганс'], ['Yuki', 'یوکی', 'Юки'], ['Chen', 'چن', 'Чэнь'], ['Fatima', 'فاطمه', 'Фатима'],
];

const FAMILY_ENDINGS: readonly Piece[] = [
  ['i', 'ی', 'и'], ['ov', 'وف', 'ов'], ['zadeh', 'زاده', 'заде'], ['ian', 'یان', 'ян'], ['man', 'من', 'ман'],
  ['ski', 'سکی', 'ски'], ['', '', ''],
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function join(pieces: readonly Piece[]): Names {
  return {
    en: capitalize(pieces.map((piece) => piece[0]).join('')),
    fa: pieces.map((piece) => piece[1]).join(''),
    ru: capitalize(pieces.map((piece) => piece[2]).join('')),
  };
}

function syllables(random: Random, min: number, max: number): Piece[] {
  return Array.from({ length: random.int(min, max) }, () => random.pick(SYLLABLES));
}

/** An invented town: two or three syllables and, for some, an ending ("Karadanabad"). */
export function placeNames(random: Random): Names {
  const pieces = syllables(random, 2, 3);
  if (random.chance(0.45)) pieces.push(random.pick(PLACE_ENDINGS));
  return join(pieces);
}

/** A given name that exists in all three languages and an invented family name. */
export function personNames(random: Random): Names {
  const given = random.pick(GIVEN_NAMES);
  const family = join([...syllables(random, 2, 3), random.pick(FAMILY_ENDINGS)]);
  return { en: `${given[0]} ${family.en}`, fa: `${given[1]} ${family.fa}`, ru: `${given[2]} ${family.ru}` };
}
