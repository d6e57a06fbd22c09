/**
 * Relay's `node(id:)` and `nodes(ids:)`, over every record type in modules/record-types.ts.
 * It offers other modules nothing: its resolvers are its whole interface, and schema.ts
 * finds them. Export from here what another module comes to need.
 */
export {};
