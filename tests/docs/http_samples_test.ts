// The guide's answers are shortened; this is how far a shortened answer may differ.
import assert from "node:assert/strict";
import { differences, samples } from "./http_samples.ts";
import { fencedBlocks } from "./markdown.ts";

Deno.test("samples: fields left out are not checked, fields shown are", () => {
  const actual = { id: "org-1", name: "Customer 1 Ltd", planId: "core" };
  assert.deepEqual(differences({ id: "org-1" }, actual), []);
  assert.deepEqual(differences({ id: "org-2" }, actual), ['$.id: expected "org-2", got "org-1"']);
  assert.deepEqual(differences({ ready: true }, actual), ["$.ready: expected true, got undefined"]);
});

Deno.test("samples: list items shown must appear in order; `...` matches any present value", () => {
  const actual = { items: [{ id: 1 }, { id: 2 }, { id: 3, at: "2026-11-10T12:00:00Z" }] };
  assert.deepEqual(differences({ items: [{ id: 1 }, { id: 3, at: "..." }] }, actual), []);
  assert.equal(differences({ items: [{ id: 3 }, { id: 1 }] }, actual).length, 1);
  assert.equal(differences({ items: [{ id: 2, missing: "..." }] }, actual).length, 1);
  assert.equal(differences({ items: [] }, { items: "no list" }).length, 1);
});

Deno.test("samples: a request block is paired with the answer block after it", () => {
  const page = [
    "```http",
    "POST /v1/things",
    "Authorization: Bearer x",
    "",
    '{"a": 1}',
    "```",
    "```http",
    "HTTP/1.1 202 Accepted",
    "",
    '{"ok": true}',
    "```",
    "```http",
    "GET /v1/things",
    "```",
  ].join("\n");
  const [post, get] = samples(fencedBlocks(page));
  assert.deepEqual(post.request.headers, [["Authorization", "Bearer x"]]);
  assert.equal(post.request.body, '{"a": 1}');
  assert.deepEqual([post.answer?.status, post.answer?.body], [202, { ok: true }]);
  assert.equal(get.request.method, "GET");
  assert.equal(get.answer, null);
});
