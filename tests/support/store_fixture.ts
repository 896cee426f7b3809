import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { createCipher, type SecretCipher } from "../../adapters/postgres/cipher.ts";
import { migrate } from "../../adapters/postgres/migrate.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import type { OpenStore } from "../application/ports/store_contract.ts";
import { type TestDatabase, testDatabase } from "./database.ts";

/** A fresh memory store per case. */
export const openMemoryStore: OpenStore = () =>
  Promise.resolve({ store: memoryStore(), close: () => Promise.resolve() });

/** A random ENCRYPTION_KEY: base64 of 32 bytes. */
export function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

/** This file's migrated test database and a cipher, with stores emptied per case. */
export interface PostgresFixture {
  readonly db: TestDatabase;
  /** The ENCRYPTION_KEY of `cipher`. */
  readonly key: string;
  readonly cipher: SecretCipher;
  /** Empties every table (ids restart) and hands out a store on it. */
  readonly open: OpenStore;
}

/**
 * Runs `body` with this file's test database, migrated once; cases share it
 * and start from empty tables, which is far cheaper than a database each.
 */
export async function withPostgres(body: (fixture: PostgresFixture) => Promise<void>) {
  const db = await testDatabase();
  try {
    await migrate(db.sql);
    const key = randomKey();
    const cipher = await createCipher(key);
    // Wired as the service wires it: usage reports pipelined on a connection of their own.
    const ingest = db.connect?.({ max: 1 });
    const open: OpenStore = async () => {
      await emptyTables(db);
      return {
        store: createPostgresStore(db.sql, { cipher, ingest }),
        close: () => Promise.resolve(),
      };
    };
    await body({ db, key, cipher, open });
  } finally {
    await db.close();
  }
}

async function emptyTables({ sql }: TestDatabase): Promise<void> {
  const rows = await sql`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`;
  const tables = rows.map((r) => String(r.tablename));
  await sql`TRUNCATE ${sql(tables)} RESTART IDENTITY CASCADE`;
}
