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
import { DuplicateWrites1765000400000 } from './1765000400000-DuplicateWrites';
import { ExternalIds1765000410000 } from './1765000410000-ExternalIds';

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
  DuplicateWrites1765000400000,
  ExternalIds1765000410000,
];
