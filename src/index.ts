/**
 * `@senvar/secrets`: typed access to configuration (SSM Parameter Store) and
 * secrets (Secrets Manager). This entry loads no CLI or codegen code, and no
 * AWS client until one is first used.
 *
 * @example
 * ```ts
 * import { Secret, Parameter, getAll } from "@senvar/secrets";
 *
 * const dbPassword = new Secret("dbPassword");
 * const featureFlag = new Parameter("featureFlag");
 * const values = await getAll({ dbPassword, featureFlag });
 * ```
 * @packageDocumentation
 */
export { SenvarVariable } from "./runtime/variable.js";
export { Secret, type RotationPrompt } from "./runtime/secret.js";
export { Parameter } from "./runtime/parameter.js";
export { defineSecret, defineParameter } from "./runtime/define.js";
export { getAll, type Values } from "./runtime/getAll.js";
export {
  SenvarError,
  NotFoundError,
  NotSetError,
  ValidationError,
  ConfigError,
  AccessDeniedError,
  ConflictError,
  ThrottledError,
  AwsRequestError,
  RedactedAwsError,
  type ErrorDetails,
} from "./runtime/errors.js";
export { PLACEHOLDER_VALUE, SSM_VALUE_LIMIT, SECRET_VALUE_LIMIT } from "./runtime/values.js";
export { resetClients } from "./providers/clients.js";
export type {
  AwsCredentials,
  AwsOptions,
  Backend,
  CredentialsOption,
  DeleteOptions,
  DeleteResult,
  ParameterOptions,
  ParameterTier,
  ParameterVersion,
  RotationResult,
  SecretOptions,
  SecretVersion,
  VariableKind,
  VariableOptions,
} from "./runtime/types.js";
export { listVariables, type ListedVariable, type ListOptions } from "./runtime/list.js";
export { checkStatus, type DeclaredState, type DeclaredStatus, type StatusOptions, type StatusReport, type StoredSummary } from "./runtime/status.js";
export type { SecretHistoryEntry, ParameterHistoryEntry } from "./runtime/history.js";
export type {
  ParameterRollbackOptions,
  ParameterRollbackPlan,
  ParameterRollbackResult,
  SecretRollbackOptions,
  SecretRollbackPlan,
  SecretRollbackResult,
} from "./runtime/rollback.js";
export type { StoredType, VariableMetadata, VersionedValue } from "./runtime/types.js";
export { iamPolicy, type IamPolicyDocument, type IamPolicyStatement, type PolicyAccess, type PolicyResources } from "./iam/policy.js";
export { parameterArn, secretArnPattern, type ArnScope } from "./iam/arns.js";
