import { testApp } from "../../support/test_app.ts";
import type { ApiApp } from "../../../adapters/http/middleware/app_env.ts";
import { type TestWorld, testWorld } from "../../support/fixtures.ts";

/** The token every HTTP test sends. */
export const TOKEN = "test-token-0123456789abcdef";

/** A test world with the HTTP app on top of it. */
export interface HttpWorld extends TestWorld {
  app: ApiApp;
  /** Calls the app with the token and, when given, a JSON body. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
  /** Like `call`, and parses the JSON answer. */
  json<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

/** A fresh world (memory adapters, fixed clock) served by `createApp`. */
export async function httpWorld(options: Parameters<typeof testWorld>[0] = {}): Promise<HttpWorld> {
  const world = await testWorld(options);
  const app = testApp(world.deps, {
    apiTokens: [TOKEN, "second-token-fedcba9876543210"],
    workerId: "test-worker",
  });
  const call = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    ...world,
    app,
    call: (method, path, body) => Promise.resolve(call(method, path, body)),
    async json<T>(method: string, path: string, body?: unknown) {
      const res = await call(method, path, body);
      const text = await res.text();
      return {
        status: res.status,
        body: (text ? JSON.parse(text) : null) as T,
        headers: res.headers,
      };
    },
  };
}
