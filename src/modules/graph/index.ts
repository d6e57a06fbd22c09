/**
 * The graph of ties between municipalities: `network` (who is tied to whom, to a depth) and `path`.
 * It offers other modules nothing: its resolvers are its whole interface, and schema.ts
 * finds them. Export from here what another module comes to need.
 */
export {};
