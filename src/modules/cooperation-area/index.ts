/**
 * The cooperation-area module's face: the vocabulary of what cities cooperate on.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { CooperationArea } from './cooperation-area.entity';
