import { History } from './history';
import { Place, Register } from './register';
import { citation, citationRows, TableRows, tableRows } from './rows';

export type Kind = 'SISTER_CITY' | 'MEMORANDUM_OF_UNDERSTANDING' | 'COOPERATION_AGREEMENT' | 'COOPERATION_PROGRAMME'
  | 'PROTOCOL' | 'DECLARATION' | 'OTHER';

/** What a kind of agreement is called in titles, in English, Persian and Russian. */
const KIND_LABELS: Readonly<Record<Kind, readonly [string, string, string]>> = {
  SISTER_CITY: ['sister-city pact', 'سند خواهرخواندگی', 'Соглашение о побратимстве'],
  MEMORANDUM_OF_UNDERSTANDING: ['memorandum of understanding', 'تفاهم‌نامه همکاری', 'Меморандум о взаимопонимании'],
  COOPERATION_AGREEMENT: ['cooperation agreement', 'موافقت‌نامه همکاری', 'Соглашение о сотрудничестве'],
  COOPERATION_PROGRAMME: ['cooperation programme', 'برنامه همکاری', 'Программа сотрудничества'],
  PROTOCOL: ['protocol', 'پروتکل', 'Протокол'],
  DECLARATION: ['declaration', 'بیانیه', 'Декларация'],
  OTHER: ['joint document', 'سند مشترک', 'Совместный документ'],
};

export interface AgreementSpec {
  kind: Kind;
  parties: Place[];
  history: History;
  signedInId: string | null;
  visit: { id: string; signatories: Array<[personId: string, onBehalfOfId: string]> } | null;
  implementsId: string | null;
}

export interface AgreementTables {
  agreements: TableRows;
  parties: TableRows;
  areas: TableRows;
  statusChanges: TableRows;
  implementations: TableRows;
  signatories: TableRows;
  citations: TableRows;
  /** Kind, parties and signing date of the agreements so far: a repeat is a separate instrument (see DuplicateWrites). */
  instruments: Set<string>;
}

export function agreementTables(): AgreementTables {
  return {
    agreements: tableRows('agreement', `id:uuid kind:text titles:jsonb sort_name:text status:text signed_on:date
      signed_on_precision:text signed_in_municipality_id:uuid signed_on_visit_id:uuid valid_until:date valid_until_precision:text
      party_key:text separate_instrument:boolean`),
    parties: tableRows('agreement_party', 'agreement_id:uuid municipality_id:uuid'),
    areas: tableRows('agreement_area', 'agreement_id:uuid area_id:uuid'),
    statusChanges: tableRows('agreement_status_change', 'id:uuid agreement_id:uuid status:text changed_on:date changed_on_precision:text note:text'),
    implementations: tableRows('agreement_implementation', 'agreement_id:uuid implements_id:uuid'),
    signatories: tableRows('agreement_signatory', 'agreement_id:uuid person_id:uuid role:text on_behalf_of_id:uuid'),
    citations: citationRows(),
    instruments: new Set(),
  };
}

/** The schema's "same parties" key: ids sorted as PostgreSQL sorts uuids, joined by ','. */
export function partyKey(parties: readonly Place[]): string {
  return parties.map((party) => party.id).sort().join(',');
}

function titles(kind: Kind, parties: readonly Place[]): { en: string; fa: string; ru: string } {
  const [en, fa, ru] = KIND_LABELS[kind];
  const [a, b] = parties;
  if (parties.length === 2) {
    return { en: `${a.names.en}–${b.names.en} ${en}`, fa: `${fa} ${a.names.fa} و ${b.names.fa}`, ru: `${ru}: ${a.names.ru} — ${b.names.ru}` };
  }
  const others = parties.length - 2;
  return {
    en: `${a.names.en}, ${b.names.en} and ${others} more: ${en}`,
    fa: `${fa} ${a.names.fa}، ${b.names.fa} و ${others} شهر دیگر`,
    ru: `${ru}: ${a.names.ru}, ${b.names.ru} и ещё ${others}`,
  };
}

/** Writes one agreement and everything hanging off it; returns its id. */
export function addAgreement(register: Register, tables: AgreementTables, spec: AgreementSpec): string {
  const { random } = register;
  const id = register.uuid();
  const named = titles(spec.kind, spec.parties);
  const signed = spec.history.changes.find((change) => change.status === 'SIGNED')?.on ?? null;
  const { validUntil } = spec.history;
  const instrument = [spec.kind, partyKey(spec.parties), signed?.on, signed?.precision].join(' ');
  const separate = tables.instruments.has(instrument);
  tables.instruments.add(instrument);
  tables.agreements.rows.push([id, spec.kind, named, named.en, spec.history.status, signed?.on ?? null, signed?.precision ?? null,
    spec.signedInId, spec.visit?.id ?? null, validUntil?.on ?? null, validUntil?.precision ?? null, partyKey(spec.parties), separate]);
  for (const party of spec.parties) tables.parties.rows.push([id, party.id]);
  for (const area of register.some(register.areas, random.int(1, 4))) tables.areas.rows.push([id, area.id]);
  for (const change of spec.history.changes) {
    tables.statusChanges.rows.push([register.uuid(), id, change.status, change.on?.on ?? null, change.on?.precision ?? null, change.note]);
  }
  if (spec.implementsId) tables.implementations.rows.push([id, spec.implementsId]);
  for (const [personId, onBehalfOfId] of spec.visit?.signatories ?? []) tables.signatories.rows.push([id, personId, 'SIGNATORY', onBehalfOfId]);
  if (random.chance(0.85)) {
    for (const sourceId of register.some(register.sourceIds, random.int(1, 2))) {
      tables.citations.rows.push(citation(register.uuid(), sourceId, 'agreement_id', id, null));
    }
  }
  return id;
}
