import type { Kysely } from 'kysely';
import type { ArtifactStore, SessionKey } from '../adk/types.js';
import type { Database } from './database.js';

// ADK's artifact service over the `artifacts` table: each save is a new version (0, 1, ...), a load
// without a version is the latest, and the bytes travel as an ADK Part with inlineData (base64).

type Db = Kysely<Database>;

const match = (db: Db, key: SessionKey, filename?: string) => {
  let query = db
    .selectFrom('artifacts')
    .where('app_name', '=', key.appName)
    .where('user_id', '=', key.userId)
    .where('session_id', '=', key.sessionId);
  if (filename !== undefined) query = query.where('filename', '=', filename);
  return query;
};

export function createArtifactStore(db: Db): ArtifactStore {
  return {
    async save(key, filename, artifact) {
      return db.transaction().execute(async (trx) => {
        const latest = await match(trx, key, filename)
          .select((eb) => eb.fn.max('version').as('version'))
          .executeTakeFirst();
        const version =
          latest?.version === null || latest?.version === undefined ? 0 : Number(latest.version) + 1;
        await trx
          .insertInto('artifacts')
          .values({
            app_name: key.appName,
            user_id: key.userId,
            session_id: key.sessionId,
            filename,
            version,
            mime_type: artifact.mimeType,
            data: Buffer.from(artifact.data, 'base64'),
          })
          .execute();
        return version;
      });
    },
    async load(key, filename, version) {
      let query = match(db, key, filename).select(['mime_type', 'data', 'version']);
      query =
        version === undefined
          ? query.orderBy('version', 'desc').limit(1)
          : query.where('version', '=', version);
      const row = await query.executeTakeFirst();
      if (row === undefined) return undefined;
      return { inlineData: { mimeType: row.mime_type, data: Buffer.from(row.data).toString('base64') } };
    },
    async listKeys(key) {
      const rows = await match(db, key).select('filename').distinct().orderBy('filename').execute();
      return rows.map((row) => row.filename);
    },
    async listVersions(key, filename) {
      const rows = await match(db, key, filename).select('version').orderBy('version').execute();
      return rows.map((row) => Number(row.version));
    },
    async remove(key, filename) {
      await db
        .deleteFrom('artifacts')
        .where('app_name', '=', key.appName)
        .where('user_id', '=', key.userId)
        .where('session_id', '=', key.sessionId)
        .where('filename', '=', filename)
        .execute();
    },
  };
}
