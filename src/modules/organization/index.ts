/**
 * The organization module's face: a city's bodies (council, committee) and outside organizations.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { Organization } from './organization.entity';
export { organizationById } from './organization.loaders';
