/**
 * `search`: records by their names and titles in any language.
 * It offers other modules nothing: its resolvers are its whole interface, and schema.ts
 * finds them. Export from here what another module comes to need.
 */
export {};
