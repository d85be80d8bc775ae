import { type Kysely, sql } from 'kysely';

// Frozen: never edit a migration that has shipped; add a new dated file instead.
// A confirmed write that got no answer (timeout, lost connection) may or may not have been applied: the
// audit says `unknown` rather than claim it failed.

// biome-ignore lint/suspicious/noExplicitAny: frozen migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_outcome_check`.execute(db);
  await sql`alter table audit_log add constraint audit_log_outcome_check
    check (outcome in ('confirmed', 'declined', 'failed', 'executed', 'unknown'))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from audit_log where outcome = 'unknown'`.execute(db);
  await sql`alter table audit_log drop constraint audit_log_outcome_check`.execute(db);
  await sql`alter table audit_log add constraint audit_log_outcome_check
    check (outcome in ('confirmed', 'declined', 'failed', 'executed'))`.execute(db);
}
