/**
 * Fixed ids of every seeded row, so that the seed is idempotent (a second run meets the same
 * keys and inserts nothing) and tests can name the founding story's records.
 *
 * Scheme: `<table number>-5eed-4000-8000-<row number>`, valid version-4 layout. The first
 * group tells the table at a glance in logs and psql output; join tables have no ids.
 */
export const SEED = {
  cooperationArea: {
    economy: '00000001-5eed-4000-8000-000000000001',
    trade: '00000001-5eed-4000-8000-000000000002',
    investment: '00000001-5eed-4000-8000-000000000003',
    privateParticipation: '00000001-5eed-4000-8000-000000000004',
    urbanDevelopment: '00000001-5eed-4000-8000-000000000005',
    infrastructure: '00000001-5eed-4000-8000-000000000006',
    transport: '00000001-5eed-4000-8000-000000000007',
    publicTransport: '00000001-5eed-4000-8000-000000000008',
    safety: '00000001-5eed-4000-8000-000000000009',
    crisisManagement: '00000001-5eed-4000-8000-00000000000a',
    safetyInfrastructure: '00000001-5eed-4000-8000-00000000000b',
    urbanSecurity: '00000001-5eed-4000-8000-00000000000c',
    society: '00000001-5eed-4000-8000-00000000000d',
    culture: '00000001-5eed-4000-8000-00000000000e',
    arts: '00000001-5eed-4000-8000-00000000000f',
    youth: '00000001-5eed-4000-8000-000000000010',
    urbanEducation: '00000001-5eed-4000-8000-000000000011',
    environment: '00000001-5eed-4000-8000-000000000012',
    experienceExchange: '00000001-5eed-4000-8000-000000000013',
  },
  municipality: {
    tehran: '00000002-5eed-4000-8000-000000000001',
    moscow: '00000002-5eed-4000-8000-000000000002',
    saintPetersburg: '00000002-5eed-4000-8000-000000000003',
  },
  organization: {
    tehranCityCouncil: '00000003-5eed-4000-8000-000000000001',
  },
  person: {
    ghalibaf: '00000004-5eed-4000-8000-000000000001',
    sobyanin: '00000004-5eed-4000-8000-000000000002',
    mozaffari: '00000004-5eed-4000-8000-000000000003',
  },
  personPosition: {
    mozaffariInternationalDeputy: '00000005-5eed-4000-8000-000000000001',
  },
  mayoralTerm: {
    ghalibafTehran: '00000006-5eed-4000-8000-000000000001',
    sobyaninMoscow: '00000006-5eed-4000-8000-000000000002',
  },
  delegation: {
    tehranMunicipality: '00000007-5eed-4000-8000-000000000001',
    moscowMunicipality: '00000007-5eed-4000-8000-000000000002',
  },
  visit: {
    moscow: '00000008-5eed-4000-8000-000000000001',
    saintPetersburg: '00000008-5eed-4000-8000-000000000002',
  },
  agreement: {
    sisterCityPact: '00000009-5eed-4000-8000-000000000001',
    moscowMemorandum: '00000009-5eed-4000-8000-000000000002',
    saintPetersburgCooperation: '00000009-5eed-4000-8000-000000000003',
  },
  agreementStatusChange: {
    sisterCityPactSigned: '0000000a-5eed-4000-8000-000000000001',
    moscowMemorandumProposed: '0000000a-5eed-4000-8000-000000000002',
    moscowMemorandumSigned: '0000000a-5eed-4000-8000-000000000003',
    saintPetersburgCooperationSigned: '0000000a-5eed-4000-8000-000000000004',
  },
  committee: {
    economy: '0000000b-5eed-4000-8000-000000000001',
    culture: '0000000b-5eed-4000-8000-000000000002',
  },
  source: {
    irna: '0000000c-5eed-4000-8000-000000000001',
    sputnik: '0000000c-5eed-4000-8000-000000000002',
  },
  /** By source, then by the record cited. */
  citation: {
    irna: {
      tehran: '0000000d-5eed-4000-8000-000000000101',
      moscow: '0000000d-5eed-4000-8000-000000000102',
      saintPetersburg: '0000000d-5eed-4000-8000-000000000103',
      tehranCityCouncil: '0000000d-5eed-4000-8000-000000000104',
      ghalibaf: '0000000d-5eed-4000-8000-000000000105',
      sobyanin: '0000000d-5eed-4000-8000-000000000106',
      mozaffari: '0000000d-5eed-4000-8000-000000000107',
      ghalibafTehranTerm: '0000000d-5eed-4000-8000-000000000108',
      sobyaninMoscowTerm: '0000000d-5eed-4000-8000-000000000109',
      tehranDelegation: '0000000d-5eed-4000-8000-00000000010a',
      moscowDelegation: '0000000d-5eed-4000-8000-00000000010b',
      moscowVisit: '0000000d-5eed-4000-8000-00000000010c',
      saintPetersburgVisit: '0000000d-5eed-4000-8000-00000000010d',
      sisterCityPact: '0000000d-5eed-4000-8000-00000000010e',
      moscowMemorandum: '0000000d-5eed-4000-8000-00000000010f',
      saintPetersburgCooperation: '0000000d-5eed-4000-8000-000000000110',
      economyCommittee: '0000000d-5eed-4000-8000-000000000111',
      cultureCommittee: '0000000d-5eed-4000-8000-000000000112',
    },
    sputnik: {
      mozaffari: '0000000d-5eed-4000-8000-000000000201',
      tehranDelegation: '0000000d-5eed-4000-8000-000000000202',
      moscowDelegation: '0000000d-5eed-4000-8000-000000000203',
      moscowVisit: '0000000d-5eed-4000-8000-000000000204',
      sisterCityPact: '0000000d-5eed-4000-8000-000000000205',
      moscowMemorandum: '0000000d-5eed-4000-8000-000000000206',
      economyCommittee: '0000000d-5eed-4000-8000-000000000207',
      cultureCommittee: '0000000d-5eed-4000-8000-000000000208',
    },
  },
} as const;
