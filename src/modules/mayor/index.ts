/**
 * The mayor module's face: mayoral terms of office.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { MayoralTerm } from './mayoral-term.entity';
export { mayoralTermOn } from './mayoral-term.loaders';
