import { Parameter } from "./parameter.js";
import { Secret } from "./secret.js";
import type { ParameterOptions, SecretOptions } from "./types.js";

/**
 * The function form of `new Secret(name, options)` (PRD 7.2): always Secrets Manager.
 * @example
 * ```ts
 * export const dbPassword = defineSecret("dbPassword");
 * ```
 */
export function defineSecret(name: string, options?: SecretOptions): Secret {
  return new Secret(name, options);
}

/**
 * The function form of `new Parameter(name, options)` (PRD 7.2): always SSM Parameter Store.
 * @example
 * ```ts
 * export const featureFlag = defineParameter("featureFlag", { encrypted: false });
 * ```
 */
export function defineParameter(name: string, options?: ParameterOptions): Parameter {
  return new Parameter(name, options);
}
