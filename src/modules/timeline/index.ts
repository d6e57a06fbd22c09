/**
 * The timelines of municipalities and people: visits, signings, status changes and terms, in order.
 * It offers other modules nothing: its resolvers are its whole interface, and schema.ts
 * finds them. Export from here what another module comes to need.
 */
export {};
