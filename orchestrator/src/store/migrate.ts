import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './migrations/2026-11-25-initial.js';

/** Every migration, keyed by its dated name; Kysely runs them in name order. Append, never edit. */
export const migrations: Readonly<Record<string, Migration>> = {
  '2026-11-25-initial': initial,
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
  if (error !== undefined || failed !== undefined) {
    const name = failed?.migrationName ?? 'unknown';
    throw new Error(`Database migration "${name}" failed`, { cause: error });
  }
  return results.map((result) => result.migrationName);
}
