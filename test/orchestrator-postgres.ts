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
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
