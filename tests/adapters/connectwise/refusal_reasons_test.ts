// Issue 22, item 4: a refusal's reason is what ConnectWise says in
// `errors[].message` (its top `message` is generic), else the top message when
// `errors` is null or empty; a 403 carries its Security text; the 429 body
// (`error`, not `code`) is read too. All of it through `errorText`.
import assert from "node:assert/strict";
import { readRefusal } from "../../../adapters/connectwise/answer_errors.ts";
import { PermissionMissing, UpstreamError } from "../../../application/ports/errors.ts";
import { connectionOf, MEMBERS } from "../../application/ports/connectwise_world.ts";
import { withSimulator } from "./http_fixture.ts";

const POST = { method: "POST", template: "/procurement/catalog" };
const GENERIC = "catalogItem object is invalid";

/** The message of the error `create` fails with when ConnectWise answers 400 with `body`. */
async function refusedWith(body: unknown): Promise<UpstreamError> {
  let caught: unknown;
  await withSimulator({}, async ({ sim, session }) => {
    sim.faults.enqueue({ status: 400, body }, POST);
    caught = await session.catalog.create({ identifier: "R-1", description: "R" }).catch((e) => e);
  });
  assert.ok(caught instanceof UpstreamError, String(caught));
  return caught;
}

Deno.test("a refusal's reason is ConnectWise's errors[].message, not its generic top message", async () => {
  const error = await refusedWith({
    code: "InvalidObject",
    message: GENERIC,
    errors: [
      { code: "InvalidObject", message: "The subcategory is inactive", field: "subcategory" },
      { code: "InvalidField", message: "price must not be negative", field: "price" },
      { code: "InvalidObject", message: "The subcategory is inactive", field: "subcategory" },
    ],
  });
  assert.equal(
    error.message,
    "ConnectWise refused POST /procurement/catalog (400): " +
      "The subcategory is inactive; price must not be negative",
  );
  assert.deepEqual([error.upstreamStatus, error.code, error.retryable], [
    400,
    "connectwise-error",
    false,
  ]);
  assert.deepEqual(error.upstreamCodes, ["InvalidObject", "InvalidField"]);
});

Deno.test("errors null, empty, or with null messages: the top message is the reason", async () => {
  for (const errors of [null, [], [{ code: "InvalidObject", message: null }], [null]]) {
    const error = await refusedWith({ code: "InvalidObject", message: GENERIC, errors });
    assert.equal(
      error.message,
      `ConnectWise refused POST /procurement/catalog (400): ${GENERIC}`,
      JSON.stringify(errors),
    );
  }
  const bare = await refusedWith({ code: 7, message: ["not text"], errors: "odd" });
  assert.equal(bare.message, "ConnectWise refused POST /procurement/catalog (400)");
});

Deno.test("a 403 with ConnectWise's Security body: PermissionMissing names the area and access and carries ConnectWise's message", async () => {
  await withSimulator({}, async ({ sim, cw }) => {
    const session = cw.session(connectionOf(sim.url, MEMBERS.readOnly));
    const error = await session.additions.setQuantity(100, 501, 3).catch((e) => e);
    assert.ok(error instanceof PermissionMissing);
    assert.deepEqual([error.area, error.access], ["Agreements", "edit"]);
    assert.equal(
      error.message,
      'ConnectWise refused: the API member lacks "Agreements" edit permission (403): ' +
        "You do not have security permission to perform this action.",
    );
  });
});

Deno.test("the 429 body (its kind under `error`, not `code`) gives its message as the reason", () => {
  const body = JSON.stringify({
    error: "ConnectWiseAPI",
    message: "Too many requests. Please try again in 30 seconds.",
  });
  assert.deepEqual(readRefusal(body, []), {
    reason: "Too many requests. Please try again in 30 seconds.",
    codes: ["ConnectWiseAPI"],
  });
  assert.deepEqual(readRefusal("<html>busy</html>", []), { reason: "", codes: [] });
});

Deno.test("a reason echoing a secret, with control characters, goes through errorText: redacted and cleaned", () => {
  const body = JSON.stringify({
    errors: [{ message: "bad key s3cr3t-Key\u0000 here", code: "Bad code!" }],
  });
  assert.deepEqual(readRefusal(body, ["s3cr3t-Key"]), {
    reason: "bad key [redacted] here",
    codes: [],
  });
});

Deno.test("an ObjectExists whose holder the catalog does not list stays ConnectWise's refusal, said as it was", async () => {
  const error = await refusedWith({
    code: "InvalidObject",
    message: GENERIC,
    errors: [{ code: "ObjectExists", message: "The identifier is already in use" }],
  });
  assert.equal(
    error.message,
    "ConnectWise refused POST /procurement/catalog (400): The identifier is already in use",
  );
  assert.deepEqual(error.upstreamCodes, ["InvalidObject", "ObjectExists"]);
});
