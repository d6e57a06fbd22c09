import { ANONYMOUS, Caller } from './auth/caller';
import { Loaders } from './database/request-loaders';
import { Services } from './services';

export interface Context {
  services: Services;
  loaders: Loaders;
  /** Who sends the request (from `Authorization: Bearer <key>`), or anonymous. */
  caller: Caller;
}

export function createContext(services: Services, caller: Caller = ANONYMOUS): Context {
  return { services, loaders: new Loaders(services.manager, services.sendRead), caller };
}
