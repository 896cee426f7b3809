import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import postgres from "postgres";

/** The embedded database, served to postgres.js over a local socket. */
export interface EmbeddedDatabase {
  readonly sql: postgres.Sql;
  /** `127.0.0.1:<port>` the socket server listens on. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * PGlite is a single session: the pool holds one connection and session settings are shared. A
 * lock file keeps a second process off the same files, which PGlite itself does not.
 */
export async function startEmbedded(
  dataDir: string,
  options: { onnotice?: (notice: postgres.Notice) => void } = {},
): Promise<EmbeddedDatabase> {
  await Deno.mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(`${dataDir}/pglite`);
    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0 });
    await server.start();
    const address = server.getServerConn();
    const sql = postgres({
      host: "127.0.0.1",
      port: Number(address.split(":").at(-1)),
      user: "postgres",
      database: "postgres",
      max: 1,
      onnotice: options.onnotice ?? (() => {}),
    });
    // Take the only connection now, before anything else on this host can.
    await sql`SELECT 1`;
    const opened = { db, server };
    return {
      sql,
      address,
      close: async () => {
        await sql.end({ timeout: 5 });
        await opened.server.stop();
        await opened.db.close();
        lock.close();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    lock.close();
    throw error;
  }
}

/** Released by close, or by the process ending. */
async function lockDataDir(dataDir: string): Promise<Deno.FsFile> {
  const file = await Deno.open(`${dataDir}/psa-sync.lock`, { create: true, write: true });
  if (!(await file.tryLock(true))) {
    file.close();
    throw new Error(
      `Cannot open the embedded database in ${dataDir}: another process is using it ` +
        "(set DATABASE_URL or give each process its own data directory)",
    );
  }
  return file;
}
