// A pull returns only documents of transactions older than every one still running on the
// database (the checkpoint rule in docs/PROTOCOL.md); on a PostgreSQL shared with other test
// files, a document just pushed can therefore arrive a moment later. Tests wait for it, as a
// client's next pull would.
import { expect } from 'vitest';
import { pullAll, type TestServer } from '../../support/server-app.ts';

export type PulledDocs = Awaited<ReturnType<typeof pullAll>>['documents'];

export async function pullUntil(
  server: TestServer,
  session: { accessToken: string },
  collection: string,
  ready: (documents: PulledDocs) => boolean,
): Promise<PulledDocs> {
  let documents: PulledDocs = [];
  await expect
    .poll(
      async () => {
        documents = (await pullAll(server, session, collection)).documents;
        return ready(documents);
      },
      { timeout: 15_000, interval: 200 },
    )
    .toBe(true);
  return documents;
}
