import { withPostgres } from "../adapters/postgres/store_fixture.ts";
import { engineSuite } from "./engine_cases.ts";

Deno.test("engine on the Postgres store, against the ConnectWise simulator", (t) =>
  withPostgres(({ open }) => engineSuite(t, open)));
