/**
 * The person module's face: people and the offices (positions) they hold.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { Person } from './person.entity';
export { personIds } from './person.filter';
export { personById } from './person.loaders';
export { Position } from './position.entity';
export { createPerson, updatePerson } from './person.service';
export { CreatePersonInput } from './person.input';
