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

# Keep these flags equal to the `start` task in deno.json (a test checks it). --optimize-for-size
# keeps V8's heap near what is live (see README, Performance, P4).
CMD ["run", "--v8-flags=--optimize-for-size", "--allow-net", "--allow-env", "--allow-read", "--allow-write=./data", "--allow-sys", "main.ts"]
