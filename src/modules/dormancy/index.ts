/**
 * The dormancy module's face: the last activity of agreements and of partner pairs, and the
 * list of ties gone quiet. Its resolvers are found by schema.ts; the entity is listed in
 * modules/entities.ts.
 */
export { Partnership } from './partnership.entity';
