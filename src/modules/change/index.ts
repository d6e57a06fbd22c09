/**
 * The change feed's face: committed changes in commit order (`changes`, `registerChanged`),
 * their retention. Other modules import from here only.
 */
export { RegisterChange, RegisterRecordType, ChangeAction } from './change.type';
export { readChanges, FEED_START } from './change-feed';
export { compactChanges, startChangeCompaction } from './change-retention';
