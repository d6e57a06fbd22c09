import { ANONYMOUS, Caller } from './auth/caller';
import { Loaders } from './database/request-loaders';
import { ReadSource } from './database/replicas';
import { Services } from './services';

export interface Context {
  services: Services;
  loaders: Loaders;
  /** Who sends the request (from `Authorization: Bearer <key>`), or anonymous. */
  caller: Caller;
  /** Where this request's reads go: the primary, or the replica routing chose (read-routing.plugin.ts). */
  reads: ReadSource;
  /** The WAL position of the last commit a mutation of this request made: its consistency token. */
  committedAt?: bigint;
}

/** A context reading from `reads` (the primary unless told otherwise). */
export function createContext(services: Services, caller: Caller = ANONYMOUS, reads?: ReadSource): Context {
  const source = reads ?? services.reads.primary;
  return { services, loaders: new Loaders(source.manager, source.sendRead), caller, reads: source };
}

/** Points the context's reads (and its loaders, still unused) at `reads`. */
export function readFrom(context: Context, reads: ReadSource): void {
  context.reads = reads;
  context.loaders = new Loaders(reads.manager, reads.sendRead);
}
