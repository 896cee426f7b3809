// Issue 22, item 3: the page cursor of a malformed `Link` URL is read from its
// text, only onto the configured base; a cursor that does not move fails the
// list instead of looping.
import assert from "node:assert/strict";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { nextPage } from "../../../adapters/connectwise/link_header.ts";
import { connectionOf, MEMBERS } from "../../application/ports/connectwise_world.ts";

Deno.test("the cursor of a malformed link is read from its text, on the configured base and query", () => {
  const first = new URL("https://cw.example/v4_6_release/apis/3.0/finance/agreements?pageSize=10");
  const seen = "https://api-na.example/v4_6_release/apis/3.0/finance/agreements&pageSize=10&page=2";
  assert.equal(nextPage(first, seen)?.href, `${first.href}&page=2`);
  assert.equal(
    nextPage(first, "/finance/agreements&pageSize=10&pageId=73;rel")?.searchParams.get("pageId"),
    "73",
  );
  assert.equal(nextPage(first, "https://x/agreements&pageSize=10"), null, "no cursor at all");
  assert.equal(nextPage(first, "https://x/a&page=2x"), null, "digits only");
});

Deno.test("a site whose full pages name the same cursor again: the list fails (paging does not end), it never loops", async () => {
  let calls = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    calls++;
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, name: `T${i}` }));
    const link = `<${new URL(req.url).origin}/v4_6_release/apis/3.0/x?pageId=1000>; rel="next"`;
    return Response.json(rows, { headers: { link } });
  });
  const hostPort = `127.0.0.1:${server.addr.port}`;
  try {
    const cw = createConnectWiseClient({
      clientId: "test",
      allowlist: [hostPort],
      requestsPerMinute: 600_000,
    });
    const session = cw.session(connectionOf(`http://${hostPort}`, MEMBERS.full));
    await assert.rejects(
      session.companies.types(),
      /paging of GET \/company\/companies\/types does not end/,
    );
    assert.equal(
      calls,
      2,
      "the first page and the cursor's page; the same cursor again is not sent",
    );
  } finally {
    await server.shutdown();
  }
});
