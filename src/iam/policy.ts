import { arnScope } from "./arns.js";

/**
 * One statement of an IAM policy document, in AWS's own JSON shape (and
 * assignable to Pulumi's `aws.iam.PolicyStatement`).
 * @example
 * ```ts
 * const statement: IamPolicyStatement = { Sid: "BatchReadSecrets", Effect: "Allow", Action: ["secretsmanager:BatchGetSecretValue"], Resource: "*" };
 * ```
 */
export interface IamPolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/**
 * An IAM policy document (assignable to Pulumi's `aws.iam.PolicyDocument`).
 * @example
 * ```ts
 * const document: IamPolicyDocument = { Version: "2012-10-17", Statement: [] };
 * ```
 */
export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: IamPolicyStatement[];
}

/**
 * The resources a policy covers: ARNs, or ARN patterns (`-??????` for a
 * secret whose suffix is not known, `*` for an unknown region or account).
 * @example
 * ```ts
 * const resources: PolicyResources = {
 *   parameters: ["arn:aws:ssm:*:*:parameter/billing-prod-featureFlag"],
 *   secureParameters: ["arn:aws:ssm:*:*:parameter/billing-prod-webhookUrl"],
 *   secrets: ["arn:aws:secretsmanager:*:*:secret:billing-prod-dbPassword-??????"],
 * };
 * ```
 */
export interface PolicyResources {
  /** SSM String parameters. */
  parameters?: readonly string[] | undefined;
  /** SSM SecureString parameters, encrypted with the AWS-managed key alias/aws/ssm. */
  secureParameters?: readonly string[] | undefined;
  /** Secrets Manager secrets, encrypted with the AWS-managed key aws/secretsmanager. */
  secrets?: readonly string[] | undefined;
}

/**
 * `read`: what an app needs at runtime (`get()`, `getAll()`). `admin`: what
 * the CLI needs as well, to set, rotate, roll back, delete, restore, list
 * and report on them.
 * @example
 * ```ts
 * const access: PolicyAccess = "read";
 * ```
 */
export type PolicyAccess = "read" | "admin";

/** The IAM actions behind each part of the SDK. Sorted, for stable output. */
const ACTIONS = {
  read: {
    parameters: ["ssm:GetParameter", "ssm:GetParameters"],
    // DescribeSecret is metadata only: get() calls it to tell a secret with no value from a missing one.
    secrets: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
    anySecret: ["secretsmanager:BatchGetSecretValue"],
    anyParameter: [] as string[],
    kms: ["kms:Decrypt"],
  },
  admin: {
    parameters: ["ssm:AddTagsToResource", "ssm:DeleteParameter", "ssm:GetParameter", "ssm:GetParameterHistory", "ssm:GetParameters", "ssm:ListTagsForResource", "ssm:PutParameter"],
    secrets: [
      "secretsmanager:CreateSecret",
      "secretsmanager:DeleteSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "secretsmanager:ListSecretVersionIds",
      "secretsmanager:PutSecretValue",
      "secretsmanager:RestoreSecret",
      "secretsmanager:TagResource",
      "secretsmanager:UpdateSecretVersionStage",
    ],
    anySecret: ["secretsmanager:BatchGetSecretValue", "secretsmanager:ListSecrets"],
    // DescribeParameters has no resource-level permissions.
    anyParameter: ["ssm:DescribeParameters"],
    kms: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
  },
} as const;

/**
 * A least-privilege IAM policy for the given variables, which the SDK never
 * attaches: attach it to your app's role yourself.
 *
 * - SSM reads and writes are on the exact parameter ARNs.
 * - Secrets Manager calls are on the exact secret ARNs; BatchGetSecretValue
 *   (and, for admin, ListSecrets) have no resource-level permissions, so AWS
 *   requires `*` for them, while each secret a batch returns still needs
 *   GetSecretValue on its own ARN.
 * - `kms:Decrypt` (and, for admin, Encrypt and GenerateDataKey) appear only when
 *   there is a SecureString. The key id of alias/aws/ssm differs per account and
 *   an alias cannot name a key in a policy, so the statement is on the keys of
 *   the parameters' account and region, narrowed by conditions to calls made by
 *   SSM (`kms:ViaService`) for exactly these parameters (the
 *   `kms:EncryptionContext:PARAMETER_ARN` that SSM sends). Secrets use the
 *   AWS-managed aws/secretsmanager key, whose key policy already lets Secrets
 *   Manager use it for the account, so they need no kms statement.
 *
 * With no resources at all, `Statement` is empty: there is nothing to grant,
 * and IAM refuses such a document (MalformedPolicyDocument), so do not attach it.
 *
 * @example
 * ```ts
 * const document = iamPolicy({ secrets: [secretArnPattern("billing-prod-dbPassword")] }, "read");
 * await writeFile("policy.json", JSON.stringify(document, null, 2));
 * ```
 */
export function iamPolicy(resources: PolicyResources, access: PolicyAccess = "read"): IamPolicyDocument {
  const actions = ACTIONS[access];
  const parameters = unique([...(resources.parameters ?? []), ...(resources.secureParameters ?? [])]);
  const secure = unique(resources.secureParameters ?? []);
  const secrets = unique(resources.secrets ?? []);
  const statements: IamPolicyStatement[] = [];
  const which = access === "read" ? "Read" : "Manage";
  if (parameters.length > 0) statements.push({ Sid: `${which}Parameters`, Effect: "Allow", Action: [...actions.parameters], Resource: parameters });
  if (parameters.length > 0 && actions.anyParameter.length > 0) statements.push({ Sid: "DescribeParameters", Effect: "Allow", Action: [...actions.anyParameter], Resource: "*" });
  if (secrets.length > 0) {
    statements.push({ Sid: `${which}Secrets`, Effect: "Allow", Action: [...actions.secrets], Resource: secrets });
    statements.push({ Sid: access === "read" ? "BatchReadSecrets" : "ListAndBatchReadSecrets", Effect: "Allow", Action: [...actions.anySecret], Resource: "*" });
  }
  if (secure.length > 0) {
    const scopes = secure.map(arnScope);
    statements.push({
      Sid: access === "read" ? "DecryptSecureParameters" : "EncryptDecryptSecureParameters",
      Effect: "Allow",
      Action: [...actions.kms],
      Resource: unique(scopes.map((s) => `arn:${s.partition}:kms:${s.region}:${s.account}:key/*`)),
      Condition: {
        StringLike: {
          "kms:ViaService": single(unique(scopes.map((s) => `ssm.${s.region}.amazonaws.com`))),
          "kms:EncryptionContext:PARAMETER_ARN": single(secure),
        },
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** IAM takes a lone string or a list; one value reads better unwrapped. */
function single(values: string[]): string | string[] {
  return values.length === 1 ? values[0]! : values;
}
