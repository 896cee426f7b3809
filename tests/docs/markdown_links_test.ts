// Repository docs must work for anyone who clones: every Markdown link stays
// inside the repository and reaches a file that exists, and an anchor it has.
import assert from "node:assert/strict";
import { join } from "node:path";
import { brokenLinks, linkProblem } from "./link_check.ts";
import { anchors, links, slug } from "./markdown.ts";

const root = new URL("../../", import.meta.url).pathname;

Deno.test("links: every Markdown link in the repository resolves inside it", () => {
  assert.deepEqual(brokenLinks(root), []);
});

Deno.test("links: anchors follow GitHub's rules", () => {
  assert.equal(slug("Reporting usage: `eventId`, retries"), "reporting-usage-eventid-retries");
  assert.equal(
    slug("A month with a tier change (core -> premium)"),
    "a-month-with-a-tier-change-core---premium",
  );
  assert.equal(slug("snake_case and [a link](x.md)"), "snake_case-and-a-link");
  const doc = '# Intro\n## Setup\n```md\n## Not a heading\n```\n## Setup\n<a id="kept"></a>\n';
  assert.deepEqual([...anchors(doc)].sort(), ["intro", "kept", "setup", "setup-1"]);
});

Deno.test("links: links inside code are not links", () => {
  const doc = "[a](a.md) `[b](b.md)`\n```\n[c](c.md)\n```\n[d]: d.md\n<https://e.example>\n";
  assert.deepEqual(links(doc).map((l) => l.target), ["a.md", "d.md", "https://e.example"]);
});

Deno.test("links: outside targets, missing files and missing anchors are refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "docs"));
    await Deno.writeTextFile(join(dir, "README.md"), "# Title\n## Quick start\n");
    const problem = (target: string) => linkProblem(dir, "docs/guide.md", target);
    assert.equal(problem("../README.md#quick-start"), null);
    assert.equal(problem("/README.md"), null);
    assert.equal(problem("../../shared/DOMAIN.md"), "points outside the repository");
    assert.equal(problem("https://example.com/"), "points outside the repository");
    assert.equal(problem("../README.md#setup"), "README.md has no anchor #setup");
    assert.equal(problem("missing.md"), "docs/missing.md does not exist");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
