import assert from "node:assert/strict";
import { ConflictError, DomainError, NotFoundError } from "../../domain/errors.ts";

Deno.test("errors: a domain error carries a stable code and is 'invalid' by default", () => {
  const error = new DomainError("invalid-plan", "Plan needs a name");
  assert.ok(error instanceof Error);
  assert.equal(error.code, "invalid-plan");
  assert.equal(error.kind, "invalid");
  assert.equal(error.message, "Plan needs a name");
  assert.deepEqual(error.details, []);
});

Deno.test("errors: a domain error keeps its kind and field details", () => {
  const details = [{ path: "server", message: "not applicable" }];
  const error = new DomainError("x", "y", { kind: "upstream", details });
  assert.equal(error.kind, "upstream");
  assert.deepEqual(error.details, details);
});

Deno.test("errors: not-found and conflict errors are domain errors of their kind", () => {
  const notFound = new NotFoundError("organization-not-found", "Unknown organization");
  const conflict = new ConflictError("period-finalized", "period 2026-10 is finalized");
  assert.ok(notFound instanceof DomainError);
  assert.ok(conflict instanceof DomainError);
  assert.equal(notFound.kind, "not-found");
  assert.equal(conflict.kind, "conflict");
  assert.equal(conflict.code, "period-finalized");
});
