import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new dated file instead.
// Keys that one replica claims for all of them for a while (a Slack event id, a confirmation answered):
// the row is the claim, so two replicas behind one Service never both act on the same delivery.

// biome-ignore lint/suspicious/noExplicitAny: frozen migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('claims')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('claimed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('claims_expires_at').on('claims').column('expires_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claims').execute();
}
