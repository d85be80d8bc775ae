// A throwaway PostgreSQL database for the store's tests and benchmarks: created on the server that
// adminUrl reaches (the machine's own PostgreSQL by default) and dropped, connections and all, afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the tests and benchmarks use; SRE_TEST_POSTGRES_URL points them elsewhere. */
export const defaultAdminUrl = process.env.SRE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function throwawayDatabase(
  adminUrl = defaultAdminUrl,
  prefix = 'sre_test',
): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)),
  };
}

/**
 * A connection for one statement. Not one held from create to drop: an idle client whose server
 * restarts (bench/pg-restart.ts) emits 'error', and with no listener that ends the process.
 */
export async function withAdmin(
  adminUrl: string,
  statement: (admin: pg.Client) => Promise<unknown>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await statement(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
