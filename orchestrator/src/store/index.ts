export type { Database } from './database.js';
export { migrateToLatest, migrations } from './migrate.js';
export { type DatabaseTarget, type OpenDatabaseOptions, openDatabase } from './open-database.js';
export { createAdvisoryLock, createKeyedMutex, type SessionLock } from './session-lock.js';
export { createSessionStore, openSessionStore } from './session-store.js';
