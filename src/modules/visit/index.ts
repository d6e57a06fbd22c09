/**
 * The visit module's face: a delegation's stay in a host municipality.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { Visit, VisitStatus } from './visit.entity';
