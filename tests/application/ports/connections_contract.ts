import assert from "node:assert/strict";
import { permissionReport, PROBED_AREAS } from "../../../domain/permissions.ts";
import type { Connection } from "../../../application/ports/connections.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

function connection(mspId: string, overrides: Partial<Connection> = {}): Connection {
  return {
    mspId,
    siteUrl: "https://na.myconnectwise.net",
    companyId: "acme",
    publicKey: "public-key",
    privateKey: `private key of ${mspId}: s3cr3t/+=`,
    codebase: "v4_6_release/",
    apiVersion: null,
    permissions: permissionReport(new Map(PROBED_AREAS.map((a) => [a, a !== "Table Setup"]))),
    connectedAt: new Date("2026-11-03T10:20:30.456Z"),
    attention: null,
    ...overrides,
  };
}

/** Connections: one per MSP, saved whole (private key included), attention set apart. */
export async function connectionsContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "connections: an MSP without one gets undefined", async (s) => {
    assert.equal(await s.connections.get("msp-a"), undefined);
  });

  await contractCase(t, open, "connections: a saved connection reads back equal", async (s) => {
    const saved = connection("msp-a");
    await s.connections.save(saved);
    assert.deepEqual(await s.connections.get("msp-a"), saved);
  });

  await contractCase(t, open, "connections: saving again replaces it", async (s) => {
    await s.connections.save(connection("msp-a", { attention: "refused (401)" }));
    const replaced = connection("msp-a", {
      publicKey: "new-public",
      privateKey: "new-private",
      siteUrl: "https://eu.myconnectwise.net",
      connectedAt: new Date("2026-11-04T00:00:00Z"),
    });
    await s.connections.save(replaced);
    assert.deepEqual(await s.connections.get("msp-a"), replaced);
  });

  await contractCase(t, open, "connections: attention is set and cleared", async (s) => {
    await s.connections.save(connection("msp-a"));
    await s.connections.setAttention("msp-a", "ConnectWise refused the credentials (401)");
    assert.equal(
      (await s.connections.get("msp-a"))?.attention,
      "ConnectWise refused the credentials (401)",
    );
    await s.connections.setAttention("msp-a", null);
    assert.deepEqual(await s.connections.get("msp-a"), connection("msp-a"));
  });

  await contractCase(t, open, "connections: attention on a missing one creates none", async (s) => {
    await s.connections.setAttention("msp-a", "refused");
    assert.equal(await s.connections.get("msp-a"), undefined);
  });

  await contractCase(
    t,
    open,
    "connections: the codebase and the API version are kept apart",
    async (s) => {
      await s.connections.save(connection("msp-a", { attention: "refused (401)" }));
      await s.connections.save(connection("msp-b"));
      await s.connections.setCodebase("msp-a", "v2025_2/");
      await s.connections.setApiVersion("msp-a", "2025.2");
      assert.deepEqual(
        await s.connections.get("msp-a"),
        connection("msp-a", {
          attention: "refused (401)",
          codebase: "v2025_2/",
          apiVersion: "2025.2",
        }),
        "only the two fields change; the private key still opens",
      );
      await s.connections.setApiVersion("msp-a", "2025.3");
      assert.equal((await s.connections.get("msp-a"))?.apiVersion, "2025.3");
      assert.deepEqual(
        await s.connections.get("msp-b"),
        connection("msp-b"),
        "another MSP's stays",
      );
    },
  );

  await contractCase(
    t,
    open,
    "connections: a saved API version reads back; saving again replaces it",
    async (s) => {
      await s.connections.save(connection("msp-a", { apiVersion: "2025.1" }));
      assert.equal((await s.connections.get("msp-a"))?.apiVersion, "2025.1");
      await s.connections.save(connection("msp-a"));
      assert.equal((await s.connections.get("msp-a"))?.apiVersion, null);
    },
  );

  await contractCase(
    t,
    open,
    "connections: codebase or version of a missing one creates none",
    async (s) => {
      await s.connections.setCodebase("msp-a", "v2025_2/");
      await s.connections.setApiVersion("msp-a", "2025.2");
      assert.equal(await s.connections.get("msp-a"), undefined);
    },
  );

  await contractCase(t, open, "connections: delete says whether there was one", async (s) => {
    await s.connections.save(connection("msp-a"));
    await s.connections.save(connection("msp-b"));
    assert.equal(await s.connections.delete("msp-a"), true);
    assert.equal(await s.connections.delete("msp-a"), false);
    assert.equal(await s.connections.get("msp-a"), undefined);
    assert.deepEqual(await s.connections.get("msp-b"), connection("msp-b"));
  });
}
