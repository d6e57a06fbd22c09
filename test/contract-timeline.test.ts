import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed/ids';
import { contractOperation, startTestServer, TestServer } from './helpers/server';

/**
 * Timelines of municipalities and persons over the seeded founding story, through the HTTP
 * API: the contract operation as clients send it, then the whole stories, other languages,
 * calendars, status changes, batching and bad input.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const MOSCOW_VISIT = { id: toGlobalId('Visit', SEED.visit.moscow), __typename: 'Visit' };
const PETERSBURG_VISIT = { id: toGlobalId('Visit', SEED.visit.saintPetersburg), __typename: 'Visit' };
const MEMORANDUM = { id: toGlobalId('Agreement', SEED.agreement.moscowMemorandum), __typename: 'Agreement' };
const GHALIBAF_TERM = { id: toGlobalId('MayoralTerm', SEED.mayoralTerm.ghalibafTehran), __typename: 'MayoralTerm' };
const SOBYANIN_TERM = { id: toGlobalId('MayoralTerm', SEED.mayoralTerm.sobyaninMoscow), __typename: 'MayoralTerm' };
const MOU_TITLE = 'Memorandum of understanding between the municipalities of Tehran and Moscow';

async function timeline(of: string, args = '', fields = 'on event summary subject { id __typename }'): Promise<any[]> {
  const { data, errors } = await api.query(`{ owner: ${of} { ... on Municipality { timeline${args} { ${fields} } }
    ... on Person { timeline${args} { ${fields} } } } }`);
  expect(errors).toBeUndefined();
  return data!.owner.timeline;
}
const CITY_IDS: Record<string, string> = { tehran: SEED.municipality.tehran, moscow: SEED.municipality.moscow };
const city = (slug: string) => `node(id: "${toGlobalId('Municipality', CITY_IDS[slug])}")`;
const person = (id: string) => `node(id: "${toGlobalId('Person', id)}")`;

describe('contract 09: a city timeline', () => {
  it('gives Tehran in 2015: the Moscow visit and the MoU signing on 2015-11-18, then the Saint Petersburg visit', async () => {
    const { data, errors } = await api.query(contractOperation('09-timeline.graphql'));
    expect(errors).toBeUndefined();
    expect(data!.municipality.timeline).toEqual([
      {
        on: '2015-11-18',
        persianOn: '1394-08-27',
        event: 'VISIT',
        summary: 'Tehran Municipality delegation visits Moscow',
        subject: MOSCOW_VISIT,
      },
      {
        on: '2015-11-18',
        persianOn: '1394-08-27',
        event: 'SIGNING',
        summary: `${MOU_TITLE} signed in Moscow`,
        subject: MEMORANDUM,
      },
      // Known only to fall within the trip, so after the events known to the day.
      {
        on: '2015-11-18',
        persianOn: '1394-08-27',
        event: 'VISIT',
        summary: 'Tehran Municipality delegation visits Saint Petersburg (planned)',
        subject: PETERSBURG_VISIT,
      },
    ]);
  });
});

describe('timelines of municipalities and persons', () => {
  it("tells Tehran's whole story, terms of office included, at the precision known", async () => {
    expect(await timeline(city('tehran'), '', 'on event summary')).toEqual([
      { on: '2005', event: 'TERM_START', summary: 'Mohammad Bagher Ghalibaf takes office as mayor of Tehran' },
      { on: '2015-11-18', event: 'VISIT', summary: 'Tehran Municipality delegation visits Moscow' },
      { on: '2015-11-18', event: 'SIGNING', summary: `${MOU_TITLE} signed in Moscow` },
      { on: '2015-11-18', event: 'VISIT', summary: 'Tehran Municipality delegation visits Saint Petersburg (planned)' },
      { on: '2017', event: 'TERM_END', summary: 'Mohammad Bagher Ghalibaf leaves office as mayor of Tehran' },
    ]);
  });

  it('writes the summary in Persian and Russian', async () => {
    const summaries = (lang: string) => timeline(city('tehran'), '(from: "2015")', `summary(lang: "${lang}")`);
    expect(await summaries('fa')).toEqual([
      { summary: 'سفر هیئت شهرداری تهران به مسکو' },
      { summary: 'امضای تفاهم‌نامه همکاری شهرداری‌های تهران و مسکو در مسکو' },
      { summary: 'سفر هیئت شهرداری تهران به سن پترزبورگ (برنامه‌ریزی‌شده)' },
      { summary: 'پایان دوره شهرداری محمدباقر قالیباف در تهران' },
    ]);
    expect(await summaries('ru')).toEqual([
      { summary: 'Делегация мэрии Тегерана: визит в город Москва' },
      { summary: 'Подписание: Меморандум о взаимопонимании между Тегераном и Москвой (город Москва)' },
      { summary: 'Делегация мэрии Тегерана: визит в город Санкт-Петербург (запланирован)' },
      { summary: 'Мохаммад Багер Галибаф покидает пост мэра (город Тегеран)' },
    ]);
    expect(await summaries('de')).toEqual(await summaries('en'));
  });

  it("tells Moscow's story from the host's side, and Sobyanin's from the counterpart's", async () => {
    expect(await timeline(city('moscow'))).toEqual([
      {
        on: '2010-10-21',
        event: 'TERM_START',
        summary: 'Sergey Sobyanin takes office as mayor of Moscow',
        subject: SOBYANIN_TERM,
      },
      {
        on: '2015-11-18',
        event: 'VISIT',
        summary: 'Tehran Municipality delegation visits Moscow',
        subject: MOSCOW_VISIT,
      },
      { on: '2015-11-18', event: 'SIGNING', summary: `${MOU_TITLE} signed in Moscow`, subject: MEMORANDUM },
    ]);
    expect(await timeline(person(SEED.person.sobyanin), '', 'event subject { id }')).toEqual([
      { event: 'TERM_START', subject: { id: SOBYANIN_TERM.id } },
      { event: 'VISIT', subject: { id: MOSCOW_VISIT.id } },
      { event: 'SIGNING', subject: { id: MEMORANDUM.id } },
    ]);
  });

  it("tells Ghalibaf's story: his term, the trip he headed and the memorandum he signed", async () => {
    expect(await timeline(person(SEED.person.ghalibaf), '(to: "2016")')).toEqual([
      {
        on: '2005',
        event: 'TERM_START',
        summary: 'Mohammad Bagher Ghalibaf takes office as mayor of Tehran',
        subject: GHALIBAF_TERM,
      },
      {
        on: '2015-11-18',
        event: 'VISIT',
        summary: 'Tehran Municipality delegation visits Moscow',
        subject: MOSCOW_VISIT,
      },
      { on: '2015-11-18', event: 'SIGNING', summary: `${MOU_TITLE} signed in Moscow`, subject: MEMORANDUM },
      {
        on: '2015-11-18',
        event: 'VISIT',
        summary: 'Tehran Municipality delegation visits Saint Petersburg (planned)',
        subject: PETERSBURG_VISIT,
      },
    ]);
  });

  it('reads and writes dates in the Persian calendar, and cuts the list at first', async () => {
    const persian = await timeline(
      city('tehran'),
      '(from: "1394-08-27", to: "1394-08-27", calendar: PERSIAN, first: 2)',
      'on(calendar: PERSIAN) event',
    );
    expect(persian).toEqual([
      { on: '1394-08-27', event: 'VISIT' },
      { on: '1394-08-27', event: 'SIGNING' },
    ]);
    expect(await timeline(city('tehran'), '(from: "2015-11-19", to: "2016-12-31")')).toEqual([]);
  });
});

describe('timelines: status changes, batching and bad input', () => {
  it('shows a later status change of an agreement to every party, after the signing', async () => {
    await api.database.dataSource.query(
      `INSERT INTO agreement_status_change (agreement_id, status, changed_on, changed_on_precision, note)
       VALUES ($1, 'IN_FORCE', '2016-03-01', 'MONTH', 'Test: in force')`,
      [SEED.agreement.moscowMemorandum],
    );
    for (const slug of ['tehran', 'moscow']) {
      expect(await timeline(city(slug), '(from: "2015-11-18")', 'on event summary')).toEqual(
        expect.arrayContaining([{ on: '2016-03', event: 'STATUS_CHANGE', summary: `${MOU_TITLE}: in force` }]),
      );
    }
    const moscow = await timeline(city('moscow'), '(from: "2015-11")', 'on event summary(lang: "ru") subject { id }');
    expect(moscow).toEqual([
      {
        on: '2015-11-18',
        event: 'VISIT',
        summary: 'Делегация мэрии Тегерана: визит в город Москва',
        subject: { id: MOSCOW_VISIT.id },
      },
      {
        on: '2015-11-18',
        event: 'SIGNING',
        summary: 'Подписание: Меморандум о взаимопонимании между Тегераном и Москвой (город Москва)',
        subject: { id: MEMORANDUM.id },
      },
      {
        on: '2016-03',
        event: 'STATUS_CHANGE',
        summary: 'Меморандум о взаимопонимании между Тегераном и Москвой: в силе',
        subject: { id: MEMORANDUM.id },
      },
    ]);
  });

  it('answers the timelines of every municipality in a list with one statement', async () => {
    const { data, errors, statements } = await api.query(
      '{ municipalities(first: 10) { nodes { slug timeline(to: "2015") { event } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data!.municipalities.nodes.map((m: any) => [m.slug, m.timeline.map((entry: any) => entry.event)])).toEqual([
      ['moscow', ['TERM_START', 'VISIT', 'SIGNING']],
      ['saint-petersburg', ['VISIT']],
      ['tehran', ['TERM_START', 'VISIT', 'SIGNING', 'VISIT']],
    ]);
    // The page of municipalities, and one timeline statement for all three.
    expect(statements).toBe(2);
  });

  it('refuses a backwards range, a bad date and a bad count, naming the argument', async () => {
    const cases: Array<[string, string, string]> = [
      ['(from: "2016", to: "2015")', 'to', 'to: 2015 is before from 2016; the range runs backwards'],
      [
        '(from: "1394-12-30", calendar: PERSIAN)',
        'from',
        'from: 1394-12-30 does not exist in the Persian calendar (1394 is not a leap year)',
      ],
      ['(first: 0)', 'first', 'first: give a number from 1 to 500'],
      ['(first: 501)', 'first', 'first: give a number from 1 to 500'],
    ];
    for (const [args, field, message] of cases) {
      const { errors } = await api.query(`{ municipality(slug: "tehran") { timeline${args} { event } } }`);
      expect(errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    }
  });
});
