import type { Ui } from "./_ui.js";
import type { Context } from "./config.js";

/** What every command receives besides its own arguments. */
export interface CommandEnv {
  ui: Ui;
  context: Context;
}

/** The backend's name as users know it. */
export function backendLabel(kind: "secret" | "parameter", encrypted = false): string {
  return kind === "secret" ? "Secrets Manager" : encrypted ? "SSM Parameter Store (SecureString)" : "SSM Parameter Store";
}
