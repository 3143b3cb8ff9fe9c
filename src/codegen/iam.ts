// The IAM policies `secrets codegen` writes next to the registry. Pure: the
// same model and scope always give the same bytes.
import { parameterArn, secretArnPattern } from "../iam/arns.js";
import { iamPolicy, type PolicyAccess } from "../iam/policy.js";
import type { Model, Variable } from "./model.js";

/**
 * The runtime read policy's file name inside the output folder.
 * @example
 * ```ts
 * const path = join(root, "generated", IAM_POLICY_FILE); // generated/iam-policy.json
 * ```
 */
export const IAM_POLICY_FILE = "iam-policy.json";
/**
 * The admin policy's file name (set, rotate, roll back, delete, restore, status).
 * @example
 * ```ts
 * const path = join(root, "generated", IAM_ADMIN_POLICY_FILE); // generated/iam-policy.admin.json
 * ```
 */
export const IAM_ADMIN_POLICY_FILE = "iam-policy.admin.json";

/**
 * The IAM policy variables that stand in for an app or stage that is only
 * known at deploy time. They resolve, per request, to the `app` and `stage`
 * tags of the role or user making it: tag the app's role like its variables
 * (the SDK tags every variable `{ app, stage }`), and the one file fits every
 * stage. A role without the tags matches nothing, so the policy fails closed.
 * @example
 * ```ts
 * `${APP_POLICY_VARIABLE}-${STAGE_POLICY_VARIABLE}-dbPassword`; // "${aws:PrincipalTag/app}-${aws:PrincipalTag/stage}-dbPassword"
 * ```
 */
export const APP_POLICY_VARIABLE = "${aws:PrincipalTag/app}";
/**
 * The stage's policy variable; see {@link APP_POLICY_VARIABLE}.
 * @example
 * ```ts
 * `billing-${STAGE_POLICY_VARIABLE}-dbPassword`; // "billing-${aws:PrincipalTag/stage}-dbPassword"
 * ```
 */
export const STAGE_POLICY_VARIABLE = "${aws:PrincipalTag/stage}";

/**
 * What is known at codegen time about where the variables live. Taken from
 * the project config only (never from flags or the environment), so that the
 * committed file is the same on every machine and `codegen --check` is stable.
 * @example
 * ```ts
 * const scope: PolicyScope = { app: "billing", region: "eu-west-1" };
 * ```
 */
export interface PolicyScope {
  app?: string | undefined;
  stage?: string | undefined;
  region?: string | undefined;
  partition?: string | undefined;
}

/**
 * The full name a policy uses for a variable: fixed in the source when it is
 * (`fromName`, literal app and stage), else composed from the declaration's
 * app/stage, then the scope's, then the principal-tag policy variables.
 * @example
 * ```ts
 * policyName({ key: "dbPassword", kind: "secret", form: "new", encrypted: true, declarations: [] }, { app: "billing" });
 * // "billing-${aws:PrincipalTag/stage}-dbPassword"
 * ```
 */
export function policyName(variable: Variable, scope: PolicyScope): string {
  if (variable.fullName !== undefined) return variable.fullName;
  const app = variable.app ?? scope.app ?? APP_POLICY_VARIABLE;
  const stage = variable.stage ?? scope.stage ?? STAGE_POLICY_VARIABLE;
  return `${app}-${stage}-${variable.key}`;
}

/**
 * The policy document for the model's variables, as pretty JSON with a final newline.
 * @example
 * ```ts
 * const json = renderPolicy(model, {}, "read");
 * ```
 */
export function renderPolicy(model: Model, scope: PolicyScope, access: PolicyAccess): string {
  const arnOf = (variable: Variable) => {
    const arnScope = { partition: scope.partition, region: variable.region ?? scope.region };
    const name = policyName(variable, scope);
    return variable.kind === "secret" ? secretArnPattern(name, arnScope) : parameterArn(name, arnScope);
  };
  const document = iamPolicy(
    {
      parameters: model.variables.filter((v) => v.kind === "parameter" && !v.encrypted).map(arnOf),
      secureParameters: model.variables.filter((v) => v.kind === "parameter" && v.encrypted).map(arnOf),
      secrets: model.variables.filter((v) => v.kind === "secret").map(arnOf),
    },
    access,
  );
  return `${JSON.stringify(document, null, 2)}\n`;
}
