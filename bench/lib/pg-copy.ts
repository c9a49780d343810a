// The server-side floor: the same rows written to PostgreSQL with COPY FROM STDIN (documents
// as jsonb, photo bytes as bytea) in one transaction, no HTTP, validation or encryption.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface CopyRows {
  documents: { id: string; stationId: string; json: string }[];
  photos: { sha256: string; bytes: Uint8Array }[];
}

/** COPY text format: backslash, tab and newline are escaped. */
function field(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

export async function copyFloor(url: string, rows: CopyRows): Promise<{ ms: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `bench_copy_${randomBytes(4).toString('hex')}`;
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(
      `CREATE TABLE ${schema}.documents (id text PRIMARY KEY, station_id text NOT NULL, body jsonb NOT NULL)`,
    );
    await client.query(
      `CREATE TABLE ${schema}.media (sha256 text PRIMARY KEY, bytes bytea NOT NULL)`,
    );
    const started = performance.now();
    await client.query('BEGIN');
    await pipeline(
      Readable.from(
        (function* () {
          for (const d of rows.documents)
            yield `${field(d.id)}\t${field(d.stationId)}\t${field(d.json)}\n`;
        })(),
      ),
      client.query(copyFrom(`COPY ${schema}.documents (id, station_id, body) FROM STDIN`)),
    );
    await pipeline(
      Readable.from(
        (function* () {
          for (const p of rows.photos)
            yield `${p.sha256}\t\\\\x${Buffer.from(p.bytes).toString('hex')}\n`;
        })(),
      ),
      client.query(copyFrom(`COPY ${schema}.media (sha256, bytes) FROM STDIN`)),
    );
    await client.query('COMMIT');
    return { ms: performance.now() - started };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  }
}
