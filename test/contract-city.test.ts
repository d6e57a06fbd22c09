import { contractOperation, startTestServer, TestServer } from './helpers/server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

describe('contract 01: a city and its partners', () => {
  it('returns Tehran with its names, facts and exactly its two partners', async () => {
    const { data, errors } = await api.query(contractOperation('01-city-partners.graphql'));
    expect(errors).toBeUndefined();
    const tehran = data!.municipality;
    expect(tehran).toMatchObject({
      slug: 'tehran',
      name: 'Tehran',
      fa: 'تهران',
      ru: 'Тегеран',
      countryCode: 'IR',
      isCapital: true,
      wikidataId: 'Q3616',
      population: { value: 10000000, isLowerBound: true, year: 2015 },
    });
    expect(tehran.names).toEqual(
      expect.arrayContaining([
        { lang: 'en', value: 'Tehran' },
        { lang: 'fa', value: 'تهران' },
        { lang: 'ru', value: 'Тегеран' },
      ]),
    );
    expect(tehran.partners.map((partner: any) => partner.municipality.slug)).toEqual(['moscow', 'saint-petersburg']);
    const [moscow, petersburg] = tehran.partners;
    expect(moscow.municipality).toEqual({ slug: 'moscow', name: 'Moscow', countryCode: 'RU' });
    expect(moscow.agreements.map((a: any) => [a.kind, a.status, a.signedOn])).toEqual([
      ['SISTER_CITY', 'SIGNED', null],
      ['MEMORANDUM_OF_UNDERSTANDING', 'SIGNED', '2015-11-18'],
    ]);
    expect(petersburg.agreements.map((a: any) => a.kind)).toEqual(['COOPERATION_AGREEMENT']);
  });

  it('finds a city by Wikidata id, and refuses to guess when given neither key', async () => {
    const byWikidata = await api.query('{ municipality(wikidataId: "Q649") { slug } }');
    expect(byWikidata.data).toEqual({ municipality: { slug: 'moscow' } });
    const neither = await api.query('{ municipality { slug } }');
    expect(neither.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('contract 04: who was mayor on a day', () => {
  it('answers in both calendars', async () => {
    const { data, errors } = await api.query(contractOperation('04-mayor-on-a-day.graphql'));
    expect(errors).toBeUndefined();
    expect(data!.moscow.mayorOn).toEqual({
      person: { name: 'Sergey Sobyanin' },
      since: '2010-10-21',
      until: null,
      selection: 'APPOINTED',
    });
    expect(data!.moscow.persian).toEqual({ person: { name: 'Sergey Sobyanin' } });
    expect(data!.tehran).toEqual({
      mayorOn: { person: { name: 'Mohammad Bagher Ghalibaf' } },
      governance: 'COUNCIL_ELECTED_MAYOR',
    });
  });

  it('has no mayor of Tehran on record today (Ghalibaf left in 2017) and Sobyanin in Moscow', async () => {
    const { data } = await api.query(
      '{ t: municipality(slug: "tehran") { currentMayor { id } } m: municipality(slug: "moscow") { currentMayor { person { name } } } }',
    );
    expect(data).toEqual({ t: { currentMayor: null }, m: { currentMayor: { person: { name: 'Sergey Sobyanin' } } } });
  });

  it('refuses a day that does not exist, naming the argument', async () => {
    const { errors } = await api.query(
      '{ municipality(slug: "moscow") { mayorOn(date: "1394-12-30", calendar: PERSIAN) { id } } }',
    );
    expect(errors?.[0].message).toBe(
      'date: 1394-12-30 does not exist in the Persian calendar (1394 is not a leap year)',
    );
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
