import { InitialSchema1732770000000 } from './1732770000000-InitialSchema';

/**
 * Every migration, in order. Listed by import rather than found by a file glob, so that the
 * compiled server, the CLI and the TypeScript test run all see the same list.
 */
export const migrations = [InitialSchema1732770000000];
