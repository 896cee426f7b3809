// A Postgres cluster of the test's own (initdb into a temporary directory,
// served on a free port) that it may stop and start at will: restarting the
// machine's cluster would break every other test using it at the same time.

/** A running private cluster. */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication). */
  readonly url: string;
  /** Stops the server (fast shutdown: sessions are cut, as in a restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

const BIN_DIRS = [
  "/usr/lib/postgresql/15/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/17/bin",
];

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Where initdb and pg_ctl live, or null. */
async function binDir(): Promise<string | null> {
  for (const dir of BIN_DIRS) if (await exists(`${dir}/pg_ctl`)) return dir;
  return null;
}

/**
 * Why no private cluster can run here, or null when one can: the server's
 * binaries, and (as root, which initdb refuses to be) a `postgres` user and runuser.
 */
export async function privatePostgresMissing(): Promise<string | null> {
  if (!(await binDir())) return `no Postgres server binaries in ${BIN_DIRS.join(", ")}`;
  if (
    Deno.uid() === 0 && !(await exists("/usr/sbin/runuser")) && !(await exists("/sbin/runuser"))
  ) {
    return "running as root without runuser (initdb must not run as root)";
  }
  return null;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Runs a server binary, as the `postgres` user when we are root. */
async function run(command: string, args: string[]): Promise<void> {
  const asRoot = Deno.uid() === 0;
  const output = await new Deno.Command(asRoot ? "runuser" : command, {
    args: asRoot ? ["-u", "postgres", "--", command, ...args] : args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const text = new TextDecoder().decode(output.stderr) + new TextDecoder().decode(output.stdout);
    throw new Error(`${command} ${args.join(" ")} failed: ${text}`);
  }
}

/** initdb, then starts the server on a free port of 127.0.0.1. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await binDir();
  if (!bin) throw new Error(`${await privatePostgresMissing()}`);
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_pg_" });
  if (Deno.uid() === 0) {
    const postgresUser = await new Deno.Command("id", { args: ["-u", "postgres"] }).output();
    const uid = Number(new TextDecoder().decode(postgresUser.stdout).trim());
    await Deno.chown(dir, uid, null);
  }
  const data = `${dir}/data`;
  const port = freePort();
  await run(`${bin}/initdb`, [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  // fsync off: the data is thrown away; the socket directory is ours, not /var/run.
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) =>
    run(`${bin}/pg_ctl`, ["-D", data, "-l", `${dir}/server.log`, "-w", ...args]);
  const start = () => pgCtl("-o", serverOptions, "start");
  const stop = () => pgCtl("-m", "fast", "stop");
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async remove() {
      await run(`${bin}/pg_ctl`, ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      await Deno.remove(dir, { recursive: true });
    },
  };
}
