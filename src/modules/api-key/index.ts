/**
 * The API key module's face: keys, their roles and scopes (auth/ checks them on every request).
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { insertApiKey, listApiKeys } from './api-key.service';
export { ApiKey } from './api-key.type';
export { ACCOUNT } from './api-key.input';
