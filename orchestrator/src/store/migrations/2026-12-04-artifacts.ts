import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new dated file instead.
// ADK artifacts (a chart a tool drew, a file a user attached): versioned bytes per session, as ADK's
// artifact service keeps them, gone with their session.

// biome-ignore lint/suspicious/noExplicitAny: frozen migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('artifacts')
    .addColumn('app_name', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('session_id', 'text', (col) => col.notNull())
    .addColumn('filename', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('mime_type', 'text', (col) => col.notNull())
    .addColumn('data', 'bytea', (col) => col.notNull())
    .addColumn('create_time', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('artifacts_pkey', ['app_name', 'user_id', 'session_id', 'filename', 'version'])
    .addForeignKeyConstraint(
      'artifacts_session_fkey',
      ['app_name', 'user_id', 'session_id'],
      'sessions',
      ['app_name', 'user_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('artifacts').execute();
}
