// `deno task demo`: the ConnectWise simulator with demo data, the service on
// the embedded database (a fresh directory) with a generated token, the plans
// seeded; prints the URLs, the token and a curl line for each setup step.
// Ctrl-C stops everything. PORT (8000) and SIMULATOR_PORT (8787) may be set.
import { type RunningSimulator, serveSimulator } from "../connectwise_simulator/simulator.ts";
import { startService } from "../e2e/service_process.ts";
import { demoSeed } from "./demo_seed.ts";
import { demoSteps } from "./demo_steps.ts";

const PLANS = [
  { id: "lite", name: "Lite", tier: 1, includesServers: false },
  { id: "core", name: "Core", tier: 2, includesServers: true },
  { id: "premium", name: "Premium", tier: 3, includesServers: true },
];

const port = Number(Deno.env.get("PORT") ?? "8000");
const simulatorPort = Number(Deno.env.get("SIMULATOR_PORT") ?? "8787");

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

let simulator: RunningSimulator;
try {
  simulator = serveSimulator({ port: simulatorPort, seed: demoSeed() });
} catch (error) {
  console.error(`Cannot start the ConnectWise simulator on port ${simulatorPort}: ${error}`);
  console.error("Set SIMULATOR_PORT to a free port (the curl lines then need that port).");
  Deno.exit(1);
}
const dataDir = await Deno.makeTempDir({ prefix: "psa-sync-demo-" });
const token = randomToken();
console.log("Starting psa-sync on the embedded database ...");
const service = await startService({
  PORT: String(port),
  PSA_SYNC_DEMO: "1",
  DATA_DIR: `${dataDir}/data`,
  API_TOKENS: token,
  CONNECTWISE_CLIENT_ID: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  CONNECTWISE_HOST_ALLOWLIST: simulator.hostPort,
  LOG_FORMAT: "text",
  HOME: Deno.env.get("HOME") ?? dataDir,
}, { port }).catch(async (error) => {
  await simulator.close();
  console.error(String(error instanceof Error ? error.message : error));
  Deno.exit(1);
});

const base = `http://127.0.0.1:${port}`;
for (const { id, ...plan } of PLANS) {
  const res = await fetch(`${base}/v1/plans/${id}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(plan),
  });
  if (!res.ok) throw new Error(`Seeding plan ${id} failed: ${res.status} ${await res.text()}`);
  await res.body?.cancel();
}

// A setup link for the same MSP as the walk-through: the four steps in a browser.
const linkAnswer = await fetch(`${base}/v1/msps/acme-msp/setup-links`, {
  method: "POST",
  headers: { Authorization: `Bearer ${token}` },
});
if (linkAnswer.status !== 201) throw new Error(`Setup link failed: ${await linkAnswer.text()}`);
const setupLink = (await linkAnswer.json()) as { url: string };

console.log(`
psa-sync demo is ready.
  Setup page     ${setupLink.url}
                 (MSP acme-msp; the link works once, within 10 minutes)
  API            ${base}/v1   (plans lite, core, premium are seeded)
  API docs       ${base}/docs
  OpenAPI        ${base}/openapi.json
  ConnectWise    ${simulator.url}   (simulator: company ID demo, public key pub, private key priv-demo-key)
  Service log    ${dataDir}/service.log

Run the setup in another shell, step by step:

export PSA=${base} PSA_TOKEN=${token}
`);
for (const step of demoSteps(simulator.url)) {
  console.log(`# ${step.title}`);
  for (const line of step.lines) console.log(line);
  console.log("");
}
console.log("Press Ctrl-C to stop the demo.");

// Rewritten whole each second (truncating an open file left its old length as NUL bytes).
const flush = setInterval(() => {
  Deno.writeTextFileSync(`${dataDir}/service.log`, service.output());
}, 1_000);

async function stop() {
  clearInterval(flush);
  await service.stop();
  await simulator.close();
  await Deno.remove(dataDir, { recursive: true }).catch(() => undefined);
  Deno.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => void stop());
}
