import { randomUUID } from 'node:crypto';
import { SEED } from '../src/database/seed';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The integrity rules of DOMAIN.md, enforced by PostgreSQL itself: raw SQL, as any tool
 * reaching the database could send it. Each refusal names its constraint (or SQLSTATE) and
 * leaves the data as it was. The cases that are accepted come after the refusals, since
 * they add rows.
 */
const CITY = SEED.municipality;
const PERSON = SEED.person;
const AGREEMENT = SEED.agreement;
/** Party keys are the party ids sorted as text: Tehran's id sorts before Moscow's. */
const TEHRAN_MOSCOW = `${CITY.tehran},${CITY.moscow}`;

type Statement = [sql: string, parameters: unknown[]];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterAll(() => database.drop());

const query = (sql: string, parameters: unknown[] = []) => database.dataSource.query(sql, parameters);

/** The statements in one transaction: deferred checks run at its COMMIT. */
const inTransaction =
  (...statements: Statement[]) =>
  () =>
    database.dataSource.transaction(async (manager) => {
      for (const [sql, parameters] of statements) await manager.query(sql, parameters);
    });

const statement =
  (sql: string, ...parameters: unknown[]) =>
  () =>
    query(sql, parameters);

/** Expects `attempt` refused with exactly this SQLSTATE and constraint, and `probe` to read `unchanged` before and after. */
async function expectRefused(
  attempt: () => Promise<unknown>,
  refusal: { code: string; constraint?: string },
  probe: string,
  unchanged: unknown[],
): Promise<void> {
  expect(await query(probe)).toEqual(unchanged);
  const error = await attempt().then(
    () => undefined,
    (caught: { code?: string; constraint?: string }) => caught,
  );
  expect({ code: error?.code, constraint: error?.constraint }).toEqual({
    code: refusal.code,
    constraint: refusal.constraint,
  });
  expect(await query(probe)).toEqual(unchanged);
}

const insertAgreement = (id: string, kind: string, partyKey: string): Statement => [
  `INSERT INTO agreement (id, kind, titles, sort_name, status, party_key)
   VALUES ($1, $2, '{"en": "Test agreement"}', 'Test agreement', 'PROPOSED', $3)`,
  [id, kind, partyKey],
];
const insertParty = (agreementId: string, municipalityId: string): Statement => [
  'INSERT INTO agreement_party (agreement_id, municipality_id) VALUES ($1, $2)',
  [agreementId, municipalityId],
];
const AGREEMENTS = `SELECT (SELECT count(*) FROM agreement)::int AS agreements, (SELECT count(*) FROM agreement_party)::int AS parties`;

/** A stay of the Tehran delegation in Moscow. */
const insertVisit = (startsOn: string, startsPrecision: string, endsOn: string, endsPrecision: string) =>
  statement(
    `INSERT INTO visit (delegation_id, host_municipality_id, starts_on, starts_on_precision, ends_on, ends_on_precision, status)
   VALUES ($1, $2, $3, $4, $5, $6, 'PLANNED')`,
    SEED.delegation.tehranMunicipality,
    CITY.moscow,
    startsOn,
    startsPrecision,
    endsOn,
    endsPrecision,
  );
const VISITS = 'SELECT count(*)::int AS visits FROM visit';

const insertTerm = (municipalityId: string, since: string, until: string | null, untilPrecision: string | null) =>
  statement(
    `INSERT INTO mayoral_term (municipality_id, person_id, since, since_precision, until, until_precision)
   VALUES ($1, $2, $3, 'DAY', $4, $5)`,
    municipalityId,
    PERSON.ghalibaf,
    since,
    until,
    untilPrecision,
  );
const MOSCOW_TERMS = `SELECT person_id, since, until FROM mayoral_term WHERE municipality_id = '${CITY.moscow}' ORDER BY since`;
const SOBYANIN_ONLY = [{ person_id: PERSON.sobyanin, since: '2010-10-21', until: null }];

const insertMunicipality = (slug: string, countryCode: string) =>
  statement(
    `INSERT INTO municipality (slug, names, sort_name, country_code) VALUES ($1, '{"en": "Isfahan"}', 'Isfahan', $2)`,
    slug,
    countryCode,
  );
const MUNICIPALITIES = 'SELECT count(*)::int AS municipalities FROM municipality';
const CHECK = '23514';

describe('the database refuses', () => {
  it('a visit that ends before it starts', async () => {
    await expectRefused(
      insertVisit('2015-11-21', 'DAY', '2015-11-18', 'DAY'),
      { code: CHECK, constraint: 'visit_ends_after_start' },
      VISITS,
      [{ visits: 2 }],
    );
  });

  it('a mayoral term that ends before it starts (its generated daterange fails before the check)', async () => {
    await expectRefused(
      insertTerm(CITY.saintPetersburg, '2015-01-01', '2014-12-31', 'DAY'),
      { code: '22000' },
      'SELECT count(*)::int AS terms FROM mayoral_term',
      [{ terms: 2 }],
    );
  });

  it("a second mayor of Moscow during Sobyanin's open term", async () => {
    const exclusion = { code: '23P01', constraint: 'mayoral_term_one_mayor_at_a_time' };
    await expectRefused(insertTerm(CITY.moscow, '2015-11-18', null, null), exclusion, MOSCOW_TERMS, SOBYANIN_ONLY);
    // A term known to end only "in 2010" covers all of 2010, so it meets Sobyanin's from 21 October.
    await expectRefused(
      insertTerm(CITY.moscow, '1992-06-06', '2010-01-01', 'YEAR'),
      exclusion,
      MOSCOW_TERMS,
      SOBYANIN_ONLY,
    );
  });

  it('an agreement with one party, at COMMIT', async () => {
    const id = randomUUID();
    await expectRefused(
      inTransaction(insertAgreement(id, 'MEMORANDUM_OF_UNDERSTANDING', CITY.tehran), insertParty(id, CITY.tehran)),
      { code: CHECK, constraint: 'agreement_at_least_two_parties' },
      AGREEMENTS,
      [{ agreements: 3, parties: 6 }],
    );
  });

  it('an agreement whose two parties are the same municipality', async () => {
    const id = randomUUID();
    await expectRefused(
      inTransaction(
        insertAgreement(id, 'PROTOCOL', `${CITY.tehran},${CITY.tehran}`),
        insertParty(id, CITY.tehran),
        insertParty(id, CITY.tehran),
      ),
      { code: '23505', constraint: 'agreement_party_pkey' },
      AGREEMENTS,
      [{ agreements: 3, parties: 6 }],
    );
  });

  it('removing a party from a bilateral agreement, at COMMIT', async () => {
    await expectRefused(
      statement(
        'DELETE FROM agreement_party WHERE agreement_id = $1 AND municipality_id = $2',
        AGREEMENT.saintPetersburgCooperation,
        CITY.saintPetersburg,
      ),
      { code: CHECK, constraint: 'agreement_at_least_two_parties' },
      AGREEMENTS,
      [{ agreements: 3, parties: 6 }],
    );
  });

  it('a second Tehran–Moscow sister-city pact given as Moscow–Tehran', async () => {
    const id = randomUUID();
    await expectRefused(
      inTransaction(
        insertAgreement(id, 'SISTER_CITY', TEHRAN_MOSCOW),
        insertParty(id, CITY.moscow),
        insertParty(id, CITY.tehran),
      ),
      { code: '23505', constraint: 'agreement_one_sister_city_pact_per_parties' },
      AGREEMENTS,
      [{ agreements: 3, parties: 6 }],
    );
  });

  it('a party key in another order than sorted, so the unique index cannot be sidestepped', async () => {
    const id = randomUUID();
    await expectRefused(
      inTransaction(
        insertAgreement(id, 'SISTER_CITY', `${CITY.moscow},${CITY.tehran}`),
        insertParty(id, CITY.moscow),
        insertParty(id, CITY.tehran),
      ),
      { code: CHECK, constraint: 'agreement_party_key_matches' },
      AGREEMENTS,
      [{ agreements: 3, parties: 6 }],
    );
  });

  it('a partial date that is not the first day of its period', async () => {
    await expectRefused(
      statement(
        `UPDATE agreement SET signed_on = '2015-11-18', signed_on_precision = 'YEAR' WHERE id = $1`,
        AGREEMENT.sisterCityPact,
      ),
      { code: CHECK, constraint: 'agreement_check' },
      `SELECT signed_on, signed_on_precision FROM agreement WHERE id = '${AGREEMENT.sisterCityPact}'`,
      [{ signed_on: null, signed_on_precision: null }],
    );
  });

  it('an unknown date precision', async () => {
    await expectRefused(
      insertVisit('2015-11-18', 'WEEK', '2015-11-21', 'DAY'),
      { code: CHECK, constraint: 'visit_check' },
      VISITS,
      [{ visits: 2 }],
    );
    await expectRefused(
      insertVisit('2015-11-18', 'DAY', '2015-11-21', 'day'),
      { code: CHECK, constraint: 'visit_check1' },
      VISITS,
      [{ visits: 2 }],
    );
  });

  it('a country code that is not ISO 3166-1 alpha-2', async () => {
    await expectRefused(insertMunicipality('isfahan', 'Iran'), { code: '22001' }, MUNICIPALITIES, [
      { municipalities: 3 },
    ]);
    await expectRefused(
      insertMunicipality('isfahan', 'ir'),
      { code: CHECK, constraint: 'municipality_country_code_check' },
      MUNICIPALITIES,
      [{ municipalities: 3 }],
    );
  });

  it('a slug that is not lowercase words joined by single hyphens', async () => {
    for (const slug of ['Saint Petersburg', 'saint--petersburg', 'moscow-', 'москва']) {
      await expectRefused(
        statement('UPDATE municipality SET slug = $1 WHERE id = $2', slug, CITY.moscow),
        { code: CHECK, constraint: 'municipality_slug_check' },
        `SELECT slug FROM municipality WHERE id = '${CITY.moscow}'`,
        [{ slug: 'moscow' }],
      );
    }
  });

  it('empty names, and a name that is not a non-empty string', async () => {
    for (const names of ['{}', '{"en": 42}', '{"en": ""}', '{"en": {"text": "Tehran"}}', '["Tehran"]']) {
      await expectRefused(
        statement('UPDATE municipality SET names = $1 WHERE id = $2', names, CITY.tehran),
        { code: CHECK, constraint: 'municipality_names_check' },
        `SELECT names FROM municipality WHERE id = '${CITY.tehran}'`,
        [{ names: { en: 'Tehran', fa: 'تهران', ru: 'Тегеран' } }],
      );
    }
  });

  it('a citation naming two records at once, or none', async () => {
    const insertCitation = (agreementId: string | null, visitId: string | null) =>
      statement(
        'INSERT INTO citation (source_id, agreement_id, visit_id) VALUES ($1, $2, $3)',
        SEED.source.irna,
        agreementId,
        visitId,
      );
    const citations = 'SELECT count(*)::int AS citations FROM citation';
    await expectRefused(
      insertCitation(AGREEMENT.moscowMemorandum, SEED.visit.moscow),
      { code: CHECK, constraint: 'citation_check' },
      citations,
      [{ citations: 26 }],
    );
    await expectRefused(insertCitation(null, null), { code: CHECK, constraint: 'citation_check' }, citations, [
      { citations: 26 },
    ]);
  });

  it('rewriting a status change: the history is append-only', async () => {
    await expectRefused(
      statement(
        `UPDATE agreement_status_change SET status = 'TERMINATED' WHERE id = $1`,
        SEED.agreementStatusChange.moscowMemorandumSigned,
      ),
      { code: '23001' },
      `SELECT c.status AS history, a.status FROM agreement_status_change c JOIN agreement a ON a.id = c.agreement_id
       WHERE c.id = '${SEED.agreementStatusChange.moscowMemorandumSigned}'`,
      [{ history: 'SIGNED', status: 'SIGNED' }],
    );
  });

  it('a delegation sent by both a municipality and an organization', async () => {
    await expectRefused(
      statement(
        'INSERT INTO delegation (sender_municipality_id, sender_organization_id) VALUES ($1, $2)',
        CITY.tehran,
        SEED.organization.tehranCityCouncil,
      ),
      { code: CHECK, constraint: 'delegation_check' },
      'SELECT count(*)::int AS delegations FROM delegation',
      [{ delegations: 2 }],
    );
  });

  it('an agreement that implements itself', async () => {
    await expectRefused(
      statement(
        'INSERT INTO agreement_implementation (agreement_id, implements_id) VALUES ($1, $1)',
        AGREEMENT.sisterCityPact,
      ),
      { code: CHECK, constraint: 'agreement_implementation_check' },
      'SELECT agreement_id, implements_id FROM agreement_implementation',
      [{ agreement_id: AGREEMENT.moscowMemorandum, implements_id: AGREEMENT.sisterCityPact }],
    );
  });
});

describe('the database accepts', () => {
  it("an earlier mayor of Moscow whose term ends before Sobyanin's begins", async () => {
    const [{ id }] = await query(
      `INSERT INTO person (names, sort_name) VALUES ('{"en": "Yury Luzhkov", "ru": "Юрий Лужков"}', 'Yury Luzhkov') RETURNING id`,
    );
    await query(
      `INSERT INTO mayoral_term (municipality_id, person_id, since, since_precision, until, until_precision)
      VALUES ($1, $2, '1992-06-06', 'DAY', '2010-09-28', 'DAY')`,
      [CITY.moscow, id],
    );
    expect(await query(MOSCOW_TERMS)).toEqual([
      { person_id: id, since: '1992-06-06', until: '2010-09-28' },
      ...SOBYANIN_ONLY,
    ]);
  });

  it('a second memorandum between Tehran and Moscow: only sister-city pacts are one per set of parties', async () => {
    const id = randomUUID();
    await inTransaction(
      insertAgreement(id, 'MEMORANDUM_OF_UNDERSTANDING', TEHRAN_MOSCOW),
      insertParty(id, CITY.moscow),
      insertParty(id, CITY.tehran),
    )();
    expect(await query(AGREEMENTS)).toEqual([{ agreements: 4, parties: 8 }]);
    expect(
      await query(`SELECT kind, count(*)::int AS n FROM agreement WHERE party_key = $1 GROUP BY kind ORDER BY kind`, [
        TEHRAN_MOSCOW,
      ]),
    ).toEqual([
      { kind: 'MEMORANDUM_OF_UNDERSTANDING', n: 2 },
      { kind: 'SISTER_CITY', n: 1 },
    ]);
  });

  it("a status change, which becomes the agreement's status while the history keeps the earlier one", async () => {
    await query(
      `INSERT INTO agreement_status_change (agreement_id, status, changed_on, changed_on_precision)
      VALUES ($1, 'IN_FORCE', '2015-11-01', 'MONTH')`,
      [AGREEMENT.sisterCityPact],
    );
    expect(await query('SELECT status FROM agreement WHERE id = $1', [AGREEMENT.sisterCityPact])).toEqual([
      { status: 'IN_FORCE' },
    ]);
    expect(
      await query('SELECT status FROM agreement_status_change WHERE agreement_id = $1 ORDER BY seq', [
        AGREEMENT.sisterCityPact,
      ]),
    ).toEqual([{ status: 'SIGNED' }, { status: 'IN_FORCE' }]);
  });
});

/**
 * Gaps the first schema left open, closed by the WriteApi migration: each refusal leaves the
 * data as it was.
 */
describe('the database also refuses (WriteApi migration)', () => {
  it('moving a party row to another agreement, which would leave the first with a single party, at COMMIT', async () => {
    const memorandumKey = [CITY.tehran, CITY.moscow, CITY.saintPetersburg].sort().join(',');
    await expectRefused(
      inTransaction(
        [
          'UPDATE agreement_party SET agreement_id = $1 WHERE agreement_id = $2 AND municipality_id = $3',
          [AGREEMENT.moscowMemorandum, AGREEMENT.saintPetersburgCooperation, CITY.saintPetersburg],
        ],
        ['UPDATE agreement SET party_key = $1 WHERE id = $2', [memorandumKey, AGREEMENT.moscowMemorandum]],
      ),
      { code: CHECK, constraint: 'agreement_at_least_two_parties' },
      `SELECT agreement_id, count(*)::int AS parties FROM agreement_party WHERE agreement_id IN
       ('${AGREEMENT.moscowMemorandum}', '${AGREEMENT.saintPetersburgCooperation}') GROUP BY agreement_id ORDER BY agreement_id`,
      [
        { agreement_id: AGREEMENT.moscowMemorandum, parties: 2 },
        { agreement_id: AGREEMENT.saintPetersburgCooperation, parties: 2 },
      ],
    );
  });

  it('deleting a status change: the history is append-only', async () => {
    await expectRefused(
      statement(
        'DELETE FROM agreement_status_change WHERE id = $1',
        SEED.agreementStatusChange.moscowMemorandumProposed,
      ),
      { code: '23001' },
      `SELECT status FROM agreement_status_change WHERE agreement_id = '${AGREEMENT.moscowMemorandum}' ORDER BY seq`,
      [{ status: 'PROPOSED' }, { status: 'SIGNED' }],
    );
  });

  it('updating agreement.status directly, out of step with its history', async () => {
    await expectRefused(
      statement(`UPDATE agreement SET status = 'TERMINATED' WHERE id = $1`, AGREEMENT.saintPetersburgCooperation),
      { code: CHECK, constraint: 'agreement_status_follows_history' },
      `SELECT a.status, (SELECT c.status FROM agreement_status_change c WHERE c.agreement_id = a.id ORDER BY c.seq DESC LIMIT 1) AS latest
       FROM agreement a WHERE a.id = '${AGREEMENT.saintPetersburgCooperation}'`,
      [{ status: 'SIGNED', latest: 'SIGNED' }],
    );
  });

  it('changing or deleting audit entries', async () => {
    await query(
      `INSERT INTO audit_log (mutation, action, record_type, record_id, after) VALUES ('test', 'CREATE', 'Visit', $1, '{}')`,
      [SEED.visit.moscow],
    );
    const entries = 'SELECT mutation, record_type FROM audit_log';
    await expectRefused(statement(`UPDATE audit_log SET mutation = 'rewritten'`), { code: '23001' }, entries, [
      { mutation: 'test', record_type: 'Visit' },
    ]);
    await expectRefused(statement('DELETE FROM audit_log'), { code: '23001' }, entries, [
      { mutation: 'test', record_type: 'Visit' },
    ]);
    // The change feed's rows refer to the entries they publish, so PostgreSQL refuses the
    // TRUNCATE itself (feature_not_supported) before the trigger would.
    await expectRefused(statement('TRUNCATE audit_log'), { code: '0A000' }, entries, [
      { mutation: 'test', record_type: 'Visit' },
    ]);
  });

  it('but deletes an agreement together with its history', async () => {
    await query('DELETE FROM agreement WHERE id = $1', [AGREEMENT.saintPetersburgCooperation]);
    expect(
      await query('SELECT count(*)::int AS n FROM agreement_status_change WHERE agreement_id = $1', [
        AGREEMENT.saintPetersburgCooperation,
      ]),
    ).toEqual([{ n: 0 }]);
  });
});
