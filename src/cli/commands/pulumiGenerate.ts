import { CliError } from "../errors.js";

/** Registered now; implemented with the codegen and Pulumi generators. */
export async function pulumiGenerate(): Promise<void> {
  throw new CliError("secrets pulumiGenerate is not available in this build yet");
}
