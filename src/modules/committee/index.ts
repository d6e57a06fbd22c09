/**
 * The committee module's face: the committees an agreement sets to work.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { Committee } from './committee.entity';
