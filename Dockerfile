# psa-sync: `deno run` with explicit permissions (deno compile needs a download we cannot make).
FROM denoland/deno:2.9.6

WORKDIR /app
# Build and run as the image's non-root user; it owns the app directory, its
# node_modules and the Deno cache (/deno-dir), so nothing needs root at run time.
RUN chown deno:deno /app
USER deno

# Dependencies first, so they stay cached while only the code changes.
# vendor/ holds the patched postgres.js that deno.json imports instead of npm's.
COPY --chown=deno:deno deno.json deno.lock ./
COPY --chown=deno:deno vendor ./vendor
RUN deno install --frozen

COPY --chown=deno:deno . .
RUN deno cache --frozen main.ts && mkdir -p /app/data

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD ["deno", "eval", "const r = await fetch('http://127.0.0.1:8000/healthz'); if (!r.ok) Deno.exit(1);"]

# Keep these flags equal to the `start` task in deno.json (a test checks it). The V8 flags keep the
# heap near what is live: a 2 MiB young generation semi-space, old space grown 20% over what a full
# collection left (see docs/operations.md, Docker and compose, and README, Performance, P4).
CMD ["run", "--v8-flags=--max-semi-space-size=2,--heap-growing-percent=20", "--allow-net", "--allow-env", "--allow-read", "--allow-write=./data", "--allow-sys", "main.ts"]
