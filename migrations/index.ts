import { InitialSchema1732770000000 } from './1732770000000-InitialSchema';
import { Search1764300000000 } from './1764300000000-Search';
import { WriteApi1764300001000 } from './1764300001000-WriteApi';
import { ImportMatching1764300002000 } from './1764300002000-ImportMatching';
import { AgreementSortIndex1764300003000 } from './1764300003000-AgreementSortIndex';
import { AgreementCountries1764400000000 } from './1764400000000-AgreementCountries';
import { RegisterVersion1764400001000 } from './1764400001000-RegisterVersion';
import { SignatoryBodies1765000000000 } from './1765000000000-SignatoryBodies';
import { PositionCitations1765000100000 } from './1765000100000-PositionCitations';
import { AgreementStatusOn1765000200000 } from './1765000200000-AgreementStatusOn';
import { AgreementStatusFrom1765000250000 } from './1765000250000-AgreementStatusFrom';
import { SourceConfidence1765000300000 } from './1765000300000-SourceConfidence';
import { DuplicateWrites1765000400000 } from './1765000400000-DuplicateWrites';
import { ExternalIds1765000410000 } from './1765000410000-ExternalIds';
import { UpdatedAt1765000500000 } from './1765000500000-UpdatedAt';
import { DateRanges1765000510000 } from './1765000510000-DateRanges';
import { ProposedCooperationAreas1765000600000 } from './1765000600000-ProposedCooperationAreas';
import { VisitSubjects1765000610000 } from './1765000610000-VisitSubjects';
import { ActivityTables1765000700000 } from './1765000700000-ActivityTables';
import { ActivityTriggers1765000710000 } from './1765000710000-ActivityTriggers';
import { OrganizationWikidata1765000800000 } from './1765000800000-OrganizationWikidata';
import { VisitSubjectsStampVisit1765000900000 } from './1765000900000-VisitSubjectsStampVisit';
import { SameInstrumentSpan1765000910000 } from './1765000910000-SameInstrumentSpan';
import { RegisterChanges1765001000000 } from './1765001000000-RegisterChanges';
import { RateBudget1765002000000 } from './1765002000000-RateBudget';

/**
 * Every migration, in order. Listed by import rather than found by a file glob, so that the
 * compiled server, the CLI and the TypeScript test run all see the same list.
 */
export const migrations = [
  InitialSchema1732770000000,
  Search1764300000000,
  WriteApi1764300001000,
  ImportMatching1764300002000,
  AgreementSortIndex1764300003000,
  AgreementCountries1764400000000,
  RegisterVersion1764400001000,
  SignatoryBodies1765000000000,
  PositionCitations1765000100000,
  AgreementStatusOn1765000200000,
  AgreementStatusFrom1765000250000,
  SourceConfidence1765000300000,
  DuplicateWrites1765000400000,
  ExternalIds1765000410000,
  UpdatedAt1765000500000,
  DateRanges1765000510000,
  ProposedCooperationAreas1765000600000,
  VisitSubjects1765000610000,
  ActivityTables1765000700000,
  ActivityTriggers1765000710000,
  OrganizationWikidata1765000800000,
  VisitSubjectsStampVisit1765000900000,
  SameInstrumentSpan1765000910000,
  RegisterChanges1765001000000,
  RateBudget1765002000000,
];
