import type { TestProject } from "vitest/node";
import { startMoto } from "./moto.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    motoEndpoint: string;
  }
}

/** One moto for the whole run; every test file gets its endpoint through `inject`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMoto();
  project.provide("motoEndpoint", moto.url);
  return () => moto.stop();
}
