/**
 * The agreement statistics (counts by kind, status, year, country) for dashboards.
 * It offers other modules nothing: its resolvers are its whole interface, and schema.ts
 * finds them. Export from here what another module comes to need.
 */
export {};
