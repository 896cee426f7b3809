import { openMemoryStore } from "../adapters/postgres/store_fixture.ts";
import { engineSuite } from "./engine_cases.ts";

Deno.test("engine on the memory store, against the ConnectWise simulator", (t) =>
  engineSuite(t, openMemoryStore));
