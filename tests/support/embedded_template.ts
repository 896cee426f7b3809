import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { startEmbedded } from "../../adapters/postgres/embedded.ts";

/**
 * An initialized, empty embedded database (PGlite's data directory), made
 * once and kept in the system's temporary directory for every later test
 * file and run: initializing one costs about 6 s of CPU, copying it under 2.
 * Named for the PGlite version, so an upgrade makes a new one. Test files run
 * in parallel, so it is made under an exclusive lock and moved into place
 * whole.
 */
async function template(): Promise<string> {
  const pglite = new URL(import.meta.resolve("@electric-sql/pglite")).pathname.match(
    /pglite@([\w.-]+)/,
  )?.[1] ?? "unknown";
  const path = join(tmpdir(), `psa_sync_pglite_template_${pglite}`);
  const lock = await Deno.open(`${path}.lock`, { create: true, write: true });
  try {
    await lock.lock(true);
    if (await exists(join(path, "PG_VERSION"))) return path;
    const scratch = await Deno.makeTempDir({ dir: dirname(path), prefix: "psa_sync_pglite_new_" });
    const db = await startEmbedded(scratch);
    await db.close();
    await Deno.rename(join(scratch, "pglite"), path);
    await Deno.remove(scratch, { recursive: true });
    return path;
  } finally {
    lock.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory) await copyTree(source, target);
    else await Deno.copyFile(source, target);
  }
}

/** Fills `dataDir` with a copy of the template, as `startEmbedded(dataDir)` expects it. */
export async function copyEmbeddedTemplate(dataDir: string): Promise<void> {
  await copyTree(await template(), join(dataDir, "pglite"));
}
