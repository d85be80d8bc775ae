import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new dated file instead. Uses Kysely<any> and
// imports no app code, so it keeps meaning what it meant when it ran.

// biome-ignore lint/suspicious/noExplicitAny: frozen migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('app_name', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('state', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('create_time', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('update_time', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sessions_pkey', ['app_name', 'user_id', 'id'])
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('seq', 'bigint', (col) => col.generatedAlwaysAsIdentity())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('app_name', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('session_id', 'text', (col) => col.notNull())
    .addColumn('invocation_id', 'text', (col) => col.notNull())
    .addColumn('author', 'text', (col) => col.notNull())
    .addColumn('timestamp', 'timestamptz', (col) => col.notNull())
    .addColumn('event', 'jsonb', (col) => col.notNull())
    .addPrimaryKeyConstraint('events_pkey', ['app_name', 'user_id', 'session_id', 'id'])
    .addForeignKeyConstraint(
      'events_session_fkey',
      ['app_name', 'user_id', 'session_id'],
      'sessions',
      ['app_name', 'user_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('events_session_order_idx')
    .on('events')
    .columns(['app_name', 'user_id', 'session_id', 'seq'])
    .execute();
  await db.schema.createIndex('events_timestamp_idx').on('events').column('timestamp').execute();

  await db.schema
    .createTable('app_states')
    .addColumn('app_name', 'text', (col) => col.primaryKey())
    .addColumn('state', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('update_time', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('user_states')
    .addColumn('app_name', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('state', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('update_time', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_states_pkey', ['app_name', 'user_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('time', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('app_name', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('session_id', 'text', (col) => col.notNull())
    .addColumn('invocation_id', 'text', (col) => col.notNull())
    .addColumn('tool', 'text', (col) => col.notNull())
    .addColumn('args', 'jsonb', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) =>
      col.notNull().check(sql`outcome in ('confirmed', 'declined', 'failed', 'executed')`),
    )
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_user_time_idx')
    .on('audit_log')
    .columns(['app_name', 'user_id', 'time'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'user_states', 'app_states', 'events', 'sessions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
