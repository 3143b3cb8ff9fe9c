import { CliError } from "../errors.js";

/** Registered now; implemented with the codegen and Pulumi generators. */
export async function define(): Promise<void> {
  throw new CliError("secrets define is not available in this build yet");
}
