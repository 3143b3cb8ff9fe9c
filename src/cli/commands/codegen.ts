import { CliError } from "../errors.js";

/** Registered now; implemented with the codegen and Pulumi generators. */
export async function codegen(): Promise<void> {
  throw new CliError("secrets codegen is not available in this build yet");
}
