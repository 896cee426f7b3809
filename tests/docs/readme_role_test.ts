// The README's role table is what the API member must be granted: every area
// the service reads or writes, each at level All (with "My", ConnectWise
// answers only the member's own records and lists come back partial).
import assert from "node:assert/strict";
import { PROBED_AREAS } from "../../domain/permissions.ts";

const root = new URL("../../", import.meta.url).pathname;
const readme = Deno.readTextFileSync(`${root}README.md`);

Deno.test("README: the API member's role lists every area with its access, at level All", () => {
  const section = readme.split("## The ConnectWise API member")[1]?.split("\n## ")[0] ?? "";
  assert.match(section, /each at level \*\*All\*\*/);
  assert.match(section, /System > Members > API Members/);
  const rows = new Map(
    section.split("\n").filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith("| area"))
      .map((l) => l.split("|").map((c) => c.trim())).map((c) => [c[1], c[2]]),
  );
  assert.deepEqual([...rows.keys()].sort(), [...PROBED_AREAS].sort());
  assert.match(rows.get("Product Catalog") ?? "", /Inquire, Add/);
  assert.match(rows.get("Agreements") ?? "", /Inquire, Add, Edit/);
});
