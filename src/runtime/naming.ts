import { ConfigError, ValidationError } from "./errors.js";
import type { Backend } from "./types.js";

/** Characters allowed in a key, an app and a stage. */
export const NAME_PART_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** SSM: letters, digits, `_.-` and `/` for hierarchies. */
const SSM_NAME_PATTERN = /^[A-Za-z0-9_.\-/]+$/;
/** Secrets Manager: letters, digits and `/_+=.@-`. */
const SECRETS_MANAGER_NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]+$/;

/** The longest name each backend accepts. */
export const MAX_NAME_LENGTH: Readonly<Record<Backend, number>> = { ssm: 1011, secretsmanager: 512 };
/** SSM allows at most 15 levels in a hierarchical name. */
const MAX_SSM_HIERARCHY_LEVELS = 15;

/** Which part of a name is being checked, for messages. */
export type NamePart = "key" | "app" | "stage";

/**
 * Checks one part of `${app}-${stage}-${key}` before anything is sent.
 * @throws ValidationError naming the part, the rule, and the allowed characters.
 */
export function assertValidNamePart(part: NamePart, value: string, context: string): void {
  if (typeof value !== "string") {
    throw new ValidationError(`The ${part} of ${context} must be a string, not ${Array.isArray(value) ? "a list" : typeof value}`, { variable: context });
  }
  if (value.length === 0) {
    throw new ValidationError(`The ${part} of ${context} is empty; it needs at least one of A-Z a-z 0-9 _ . -`, { variable: context });
  }
  if (!NAME_PART_PATTERN.test(value)) {
    const bad = [...new Set([...value].filter((ch) => !/[A-Za-z0-9_.-]/.test(ch)))].map((ch) => JSON.stringify(ch)).join(", ");
    throw new ValidationError(`The ${part} ${JSON.stringify(value)} of ${context} contains ${bad}; only A-Z a-z 0-9 _ . - are allowed`, { variable: context });
  }
}

/**
 * Checks a full name against the backend's own rules.
 * @returns warnings that do not stop the call (AWS advice rather than rules).
 * @throws ValidationError for names AWS would reject.
 */
export function validateFullName(fullName: string, backend: Backend): string[] {
  const warnings: string[] = [];
  const service = backend === "ssm" ? "SSM Parameter Store" : "Secrets Manager";
  if (fullName.length === 0) throw new ValidationError(`A ${service} name cannot be empty`);
  const max = MAX_NAME_LENGTH[backend];
  if (fullName.length > max) {
    throw new ValidationError(`The name ${fullName.slice(0, 40)}… is ${fullName.length} characters long; ${service} allows at most ${max}`, { variable: fullName });
  }
  if (backend === "ssm") {
    if (!SSM_NAME_PATTERN.test(fullName)) {
      throw new ValidationError(`The name ${JSON.stringify(fullName)} has characters SSM does not allow; use A-Z a-z 0-9 _ . - and /`, { variable: fullName });
    }
    if (/^\/?(aws|ssm)/i.test(fullName)) {
      throw new ValidationError(`The name ${JSON.stringify(fullName)} starts with "aws" or "ssm", which SSM reserves (in any case); choose another app name`, { variable: fullName });
    }
    if (fullName.includes("/")) {
      if (!fullName.startsWith("/")) {
        throw new ValidationError(`The SSM name ${JSON.stringify(fullName)} contains "/" so it must start with "/"`, { variable: fullName });
      }
      const levels = fullName.split("/").length - 1;
      if (levels > MAX_SSM_HIERARCHY_LEVELS) {
        throw new ValidationError(`The SSM name ${JSON.stringify(fullName)} has ${levels} levels; SSM allows at most ${MAX_SSM_HIERARCHY_LEVELS}`, { variable: fullName });
      }
    }
  } else {
    if (!SECRETS_MANAGER_NAME_PATTERN.test(fullName)) {
      throw new ValidationError(`The name ${JSON.stringify(fullName)} has characters Secrets Manager does not allow; use A-Z a-z 0-9 and / _ + = . @ -`, { variable: fullName });
    }
    if (/-[A-Za-z0-9]{6}$/.test(fullName)) {
      warnings.push(
        `The secret name ${JSON.stringify(fullName)} ends in a hyphen and 6 characters; AWS advises against this because it looks like the random suffix of a secret ARN and can confuse partial-ARN lookups`,
      );
    }
  }
  return warnings;
}

/** Options that decide the app and stage of a variable. */
export interface AppStageOptions {
  app?: string | undefined;
  stage?: string | undefined;
}

/** The app and stage from options, falling back to SST_APP and SST_STAGE. */
export function appStageFrom(options: AppStageOptions, env: NodeJS.ProcessEnv = process.env): { app: string | undefined; stage: string | undefined } {
  return {
    app: options.app ?? nonEmpty(env.SST_APP),
    stage: options.stage ?? nonEmpty(env.SST_STAGE),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/**
 * Composes `${app}-${stage}-${key}`, checking every part.
 * @throws ConfigError when app or stage is unknown, naming which and how to set it.
 */
export function composeFullName(key: string, options: AppStageOptions, env: NodeJS.ProcessEnv = process.env): string {
  const { app, stage } = appStageFrom(options, env);
  const missing = [app === undefined ? "app" : undefined, stage === undefined ? "stage" : undefined].filter((x) => x !== undefined);
  if (missing.length > 0) {
    const vars = missing.map((m) => (m === "app" ? "SST_APP" : "SST_STAGE")).join(" and ");
    const opts = missing.map((m) => `\`${m}\``).join(" and ");
    throw new ConfigError(`Cannot name the variable "${key}": no ${missing.join(" or ")} is set. Set ${vars} in the environment, or pass the ${opts} option${missing.length > 1 ? "s" : ""}`, {
      variable: key,
      hint: `e.g. new Secret("${key}", { app: "billing", stage: "prod" }) or SST_APP=billing SST_STAGE=prod`,
    });
  }
  assertValidNamePart("key", key, `"${key}"`);
  assertValidNamePart("app", app!, `"${key}"`);
  assertValidNamePart("stage", stage!, `"${key}"`);
  return `${app}-${stage}-${key}`;
}
