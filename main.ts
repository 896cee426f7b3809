// Composition root: read configuration, build adapters, wire use cases, serve.
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, (req) => {
  if (new URL(req.url).pathname === "/healthz") return Response.json({ status: "ok" });
  return new Response("Not found", { status: 404 });
});
