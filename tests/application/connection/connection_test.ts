import assert from "node:assert/strict";
import { connect, disconnect, getConnection } from "../../../application/connection/connection.ts";
import { CREDENTIALS, testWorld } from "../../support/fixtures.ts";

Deno.test("connect: checked credentials are saved and the private key is never returned", async () => {
  const { deps, store } = await testWorld();
  const view = await connect(deps, { mspId: "msp-a", credentials: CREDENTIALS });
  assert.equal(view.codebase, "v4_6_release/");
  assert.equal(JSON.stringify(view).includes(CREDENTIALS.privateKey), false);
  assert.deepEqual(
    view.permissions.filter((p) => p.access === "inquire").map((p) => p.granted),
    [true, true, true, true],
  );
  assert.equal((await store.connections.get("msp-a"))?.privateKey, CREDENTIALS.privateKey);
  assert.equal(JSON.stringify(await getConnection(deps, "msp-a")).includes("priv-"), false);
});

Deno.test("connect: wrong credentials fail with connectwise-authentication-failed and nothing is saved", async () => {
  const { deps, store } = await testWorld();
  await assert.rejects(
    connect(deps, { mspId: "msp-a", credentials: { ...CREDENTIALS, privateKey: "wrong" } }),
    (e: Error & { code?: string }) => e.code === "connectwise-authentication-failed",
  );
  assert.equal(await store.connections.get("msp-a"), undefined);
});

Deno.test("connect: a missing read permission is reported and nothing is saved", async () => {
  const { deps, store, cw } = await testWorld();
  cw.data.members.push({
    companyId: "acme",
    publicKey: "limited",
    privateKey: "limited-secret",
    areas: ["Company Maintenance", "Table Setup", "Agreements"],
  });
  await assert.rejects(
    connect(deps, {
      mspId: "msp-a",
      credentials: { ...CREDENTIALS, publicKey: "limited", privateKey: "limited-secret" },
    }),
    (e: Error & { code?: string; details?: { message: string }[] }) =>
      e.code === "connectwise-permissions-missing" &&
      e.details?.some((d) => d.message.includes("Product Catalog")) === true,
  );
  assert.equal(await store.connections.get("msp-a"), undefined);
});

Deno.test("connect: an http or private site URL is refused with invalid-site-url", async () => {
  const { deps } = await testWorld();
  for (const siteUrl of ["http://na.myconnectwise.net", "https://10.0.0.1", "https://x.com/path"]) {
    await assert.rejects(
      connect(deps, { mspId: "msp-a", credentials: { ...CREDENTIALS, siteUrl } }),
      (e: Error & { code?: string }) => e.code === "invalid-site-url",
      siteUrl,
    );
  }
});

Deno.test("connect: disconnecting forgets the connection and keeps the mappings", async () => {
  const { deps, store } = await testWorld();
  await connect(deps, { mspId: "msp-a", credentials: CREDENTIALS });
  await store.companyMappings.save("msp-a", {
    organizationId: "o1",
    companyId: 100,
    agreementId: 1000,
  });
  await disconnect(deps, "msp-a");
  assert.equal(await store.connections.get("msp-a"), undefined);
  assert.equal((await store.companyMappings.list("msp-a")).length, 1);
  await assert.rejects(getConnection(deps, "msp-a"), { code: "connectwise-not-connected" });
});
