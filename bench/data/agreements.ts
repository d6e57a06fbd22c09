import { addAgreement, AgreementSpec, AgreementTables, agreementTables, Kind, partyKey } from './agreement-rows';
import { proposedHistory, signedHistory, signingDate } from './history';
import { Place, Register } from './register';
import { TableRows } from './rows';

/** Bilateral kinds by weight; a sister-city pact that exists already becomes a cooperation agreement. */
const BILATERAL: ReadonlyArray<[Kind, number]> = [
  ['SISTER_CITY', 35], ['MEMORANDUM_OF_UNDERSTANDING', 25], ['COOPERATION_AGREEMENT', 20], ['COOPERATION_PROGRAMME', 7],
  ['PROTOCOL', 8], ['DECLARATION', 3], ['OTHER', 2],
];
const MULTILATERAL: readonly Kind[] = ['DECLARATION', 'COOPERATION_PROGRAMME', 'OTHER', 'MEMORANDUM_OF_UNDERSTANDING'];
const IMPLEMENTING: readonly Kind[] = ['MEMORANDUM_OF_UNDERSTANDING', 'PROTOCOL', 'COOPERATION_PROGRAMME'];
const SIGNED_ON_VISIT = 1 / 7;
const MULTILATERAL_SHARE = 0.04;
const IMPLEMENTS_SHARE = 0.1;

/**
 * `count` agreements between parties drawn by the register's Zipf law (call rank() first,
 * and generate trips before, so that one in seven can be signed during a visit). `instruments`
 * is shared by every chunk: a repeat of an earlier chunk's instrument is a separate one too,
 * or the database refuses it (agreement_one_instrument_per_signing).
 */
export function generateAgreements(
  register: Register,
  count: number,
  instruments: Set<string> = new Set(),
): { tables: TableRows[] } {
  const tables = { ...agreementTables(), instruments };
  for (let i = 0; i < count; i++) {
    const spec = nextSpec(register);
    if (!spec) continue;
    const id = addAgreement(register, tables, spec);
    const signed = spec.history.changes.find((change) => change.status === 'SIGNED')?.on?.on ?? null;
    register.agreements.push({ id, partyIds: spec.parties.map((party) => party.id), signedOn: signed });
  }
  return { tables: ordered(tables) };
}

/** Agreements before the rows that name them; status history in the order it happened. */
function ordered(tables: AgreementTables): TableRows[] {
  const { agreements, parties, areas, statusChanges, implementations, signatories, citations } = tables;
  return [agreements, parties, areas, statusChanges, implementations, signatories, citations];
}

function nextSpec(register: Register): AgreementSpec | null {
  const roll = register.random.next();
  if (roll < SIGNED_ON_VISIT && register.visits.length > 0) return signedOnVisit(register);
  if (roll < SIGNED_ON_VISIT + MULTILATERAL_SHARE) return multilateral(register);
  if (roll < SIGNED_ON_VISIT + MULTILATERAL_SHARE + IMPLEMENTS_SHARE && register.agreements.length > 0) return implementing(register);
  return bilateral(register);
}

function bilateralKind(register: Register, parties: readonly Place[]): Kind {
  const total = BILATERAL.reduce((sum, [, weight]) => sum + weight, 0);
  let target = register.random.next() * total;
  const kind = BILATERAL.find(([, weight]) => (target -= weight) < 0)?.[0] ?? 'OTHER';
  if (kind !== 'SISTER_CITY') return kind;
  const key = partyKey(parties);
  if (register.sisterCityKeys.has(key)) return 'COOPERATION_AGREEMENT';
  register.sisterCityKeys.add(key);
  return kind;
}

function drawParties(register: Register, count: number): Place[] | null {
  const parties: Place[] = [];
  const taken = new Set<string>();
  while (parties.length < count) {
    const party = register.drawOther(taken);
    if (!party) return parties.length >= 2 ? parties : null;
    parties.push(party);
    taken.add(party.id);
  }
  return parties;
}

function bilateral(register: Register): AgreementSpec | null {
  const parties = drawParties(register, 2);
  if (!parties) return null;
  const { random } = register;
  const history = random.chance(0.06) ? proposedHistory(register) : signedHistory(register, random.chance(0.05) ? null : signingDate(register, null));
  const signedIn = history.status !== 'PROPOSED' && random.chance(0.4) ? random.pick(parties).id : null;
  return { kind: bilateralKind(register, parties), parties, history, signedInId: signedIn, visit: null, implementsId: null };
}

function multilateral(register: Register): AgreementSpec | null {
  const parties = drawParties(register, register.random.int(3, 10));
  if (!parties) return null;
  const history = signedHistory(register, signingDate(register, null));
  return { kind: register.random.pick(MULTILATERAL), parties, history, signedInId: null, visit: null, implementsId: null };
}

/** Signed by the delegation's head and the host's mayor (when known) on the day the visit began. */
function signedOnVisit(register: Register): AgreementSpec | null {
  const { random } = register;
  const visit = random.pick(register.visits);
  const parties = [register.placeById.get(visit.senderId)!, register.placeById.get(visit.hostId)!];
  const signatories: Array<[string, string]> = [];
  if (visit.headId) signatories.push([visit.headId, visit.senderId]);
  if (visit.counterpartId && visit.counterpartId !== visit.headId) signatories.push([visit.counterpartId, visit.hostId]);
  const history = signedHistory(register, { on: visit.startsOn, precision: 'DAY' });
  const kind = random.chance(0.5) ? 'MEMORANDUM_OF_UNDERSTANDING' : bilateralKind(register, parties);
  return { kind, parties, history, signedInId: visit.hostId, visit: { id: visit.id, signatories }, implementsId: null };
}

/** A later pact between the same parties that puts an earlier one into practice. */
function implementing(register: Register): AgreementSpec | null {
  const { random } = register;
  const earlier = random.pick(register.agreements);
  if (earlier.signedOn && earlier.signedOn >= register.today) return bilateral(register);
  const parties = earlier.partyIds.map((id) => register.placeById.get(id)!);
  const history = signedHistory(register, signingDate(register, earlier.signedOn));
  return { kind: random.pick(IMPLEMENTING), parties, history, signedInId: null, visit: null, implementsId: earlier.id };
}
