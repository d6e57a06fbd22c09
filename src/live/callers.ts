import { IncomingMessage } from 'node:http';
import { authenticate, bearerTokenIn, Caller } from '../auth/caller';
import { refusingDatabaseFailures } from '../errors/database-refusal';
import { Services } from '../services';

/** How the HTTP layer names a client; server.ts hands these down (src/http sits beside src/live). */
export interface ClientNaming {
  /** The client's address, through a trusted proxy's X-Forwarded-For when TRUST_PROXY is on. */
  addressOf(request: IncomingMessage): string;
  /** Whose rate budget a token or an address spends: the key HTTP requests use too. */
  budgetKeyOf(token: string | undefined, address: string): string;
}

/** Who subscribes: the caller, and the keys its budget and quota are kept under. */
export interface Subscriber {
  caller: Caller;
  budgetKey: string;
  address: string;
}

/**
 * The caller of an `Authorization` value, checked as an HTTP request's header is (an unknown,
 * revoked or expired key is refused, never served as anonymous). Throws UNAUTHENTICATED, or
 * DATABASE_UNAVAILABLE / SERVER_BUSY when the key's look-up fails.
 */
export async function identify(
  services: Services,
  naming: ClientNaming,
  anonymousReads: boolean,
  request: IncomingMessage,
  authorization: string | undefined,
): Promise<Subscriber> {
  const caller = await refusingDatabaseFailures(() => authenticate(services.manager, authorization, anonymousReads));
  const address = naming.addressOf(request);
  return { caller, address, budgetKey: naming.budgetKeyOf(bearerTokenIn(authorization), address) };
}

/** The key a WebSocket client sends in connection_init's payload: `authorization` or `Authorization`. */
export function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}
