import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './migrations/2026-11-25-initial.js';
import * as artifacts from './migrations/2026-12-04-artifacts.js';
import * as auditUnknownOutcome from './migrations/2026-12-04-audit-unknown-outcome.js';
import * as claims from './migrations/2026-12-04-claims.js';

/** Every migration, keyed by its dated name; Kysely runs them in name order. Append, never edit. */
export const migrations: Readonly<Record<string, Migration>> = {
  '2026-11-25-initial': initial,
  '2026-12-04-audit-unknown-outcome': auditUnknownOutcome,
  '2026-12-04-artifacts': artifacts,
  '2026-12-04-claims': claims,
};

// Migrations are imported modules rather than files found at run time, so the same set works from
// sources, from dist, and inside a bundle.
export function createMigrationProvider(
  list: Readonly<Record<string, Migration>> = migrations,
): MigrationProvider {
  return { getMigrations: async () => ({ ...list }) };
}

/** Brings the schema up to date; kysely takes a lock so replicas starting together do not race. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: createMigrationProvider() });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (failed !== undefined) {
    throw new Error(`Database migration "${failed.migrationName}" failed`, { cause: error });
  }
  // Before any migration ran: most often the database could not be reached at all.
  if (error !== undefined) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new Error(`Database migrations could not start: ${reason}`, { cause: error });
  }
  return results.map((result) => result.migrationName);
}
