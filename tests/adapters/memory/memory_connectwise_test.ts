import { MemoryConnectWise } from "../../../adapters/memory/memory_connectwise.ts";
import { connectWiseContract } from "../../application/ports/connectwise_contract.ts";

connectWiseContract("memory stand-in", (world) =>
  Promise.resolve({
    connectWise: new MemoryConnectWise({
      members: [...world.members],
      types: [...world.types],
      statuses: [...world.statuses],
      companies: [...world.companies],
      agreements: [...world.agreements],
      products: [...world.products],
      additions: world.additions.map((a) => ({ ...a })),
    }),
    siteUrl: "https://na.myconnectwise.net",
    close: () => Promise.resolve(),
  }));
