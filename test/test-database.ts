// A fresh, migrated session store per test file in a fraction of a second: a database copied from a
// template that the first file of a run migrates (CREATE DATABASE ... TEMPLATE), where an embedded
// PGlite spends seconds in initdb per file. With SRE_TEST_SKIP_POSTGRES=1 (no PostgreSQL on the
// machine) it falls back to PGlite, slower but the same store.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionStore } from '../orchestrator/src/adk/types.ts';
import {
  createSessionStore,
  migrateToLatest,
  migrations,
  openDatabase,
} from '../orchestrator/src/store/index.ts';
import type { DatabaseHandle } from '../orchestrator/src/store/open-database.ts';
import { defaultAdminUrl, withAdmin } from './orchestrator-postgres.ts';

const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';

/** An open, migrated database whose close() also drops it. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (skipPostgres) {
    const handle = await openDatabase({ kind: 'pglite' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = await copyOfTemplate();
  const url = new URL(defaultAdminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin(defaultAdminUrl, (admin) =>
        admin.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

/** The session store over openTestDatabase(); close() drops its database. */
export async function openTestStore(): Promise<SessionStore> {
  return createSessionStore(await openTestDatabase());
}

/**
 * The template is named after the migrations it holds, so a new migration gets a new template.
 * Creation and copies run under one advisory lock: parallel test files would otherwise race to
 * build it, and PostgreSQL refuses to copy a template someone is still connected to.
 */
async function copyOfTemplate(): Promise<string> {
  const digest = createHash('sha256').update(Object.keys(migrations).join('\n')).digest('hex').slice(0, 12);
  const template = `sre_test_template_${digest}`;
  const copy = `sre_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(defaultAdminUrl, async (admin) => {
    await admin.query('select pg_advisory_lock(hashtext($1))', [template]);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (found.rowCount === 0) await createTemplate(template);
      await admin.query(`create database ${copy} template ${template}`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return copy;
}

async function createTemplate(template: string): Promise<void> {
  const building = `${template}_building`;
  await withAdmin(defaultAdminUrl, async (admin) => {
    await admin.query(`drop database if exists ${building} with (force)`);
    await admin.query(`create database ${building}`);
  });
  const url = new URL(defaultAdminUrl);
  url.pathname = `/${building}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  // Renamed only once complete, so a run that died half-way never leaves a half-migrated template.
  await withAdmin(defaultAdminUrl, (admin) =>
    admin.query(`alter database ${building} rename to ${template}`),
  );
}
