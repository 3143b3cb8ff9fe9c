/**
 * The parts of an ARN that are not the resource: each may be a literal, `*`,
 * or an IAM policy variable such as `${aws:PrincipalTag/app}`.
 * @example
 * ```ts
 * const scope: ArnScope = { partition: "aws", region: "eu-west-1", account: "123456789012" };
 * ```
 */
export interface ArnScope {
  /** Default `aws`. */
  partition?: string | undefined;
  /** Default `*`: any region. */
  region?: string | undefined;
  /** Default `*`: any account. */
  account?: string | undefined;
}

function parts(scope: ArnScope): { partition: string; region: string; account: string } {
  return { partition: scope.partition ?? "aws", region: scope.region ?? "*", account: scope.account ?? "*" };
}

/**
 * The ARN of an SSM parameter. A hierarchical name's leading `/` is not
 * repeated: `/billing/prod/x` is `…:parameter/billing/prod/x`.
 * @example
 * ```ts
 * parameterArn("billing-prod-featureFlag", { region: "eu-west-1", account: "123456789012" });
 * // "arn:aws:ssm:eu-west-1:123456789012:parameter/billing-prod-featureFlag"
 * ```
 */
export function parameterArn(fullName: string, scope: ArnScope = {}): string {
  const { partition, region, account } = parts(scope);
  return `arn:${partition}:ssm:${region}:${account}:parameter/${fullName.replace(/^\//, "")}`;
}

/**
 * The ARN pattern of a secret whose ARN is not known yet: Secrets Manager
 * appends `-` and 6 random characters to the name, which `-??????` matches
 * exactly (a `*` would also match `<name>-other-xxxxxx`).
 * @example
 * ```ts
 * secretArnPattern("billing-prod-dbPassword"); // "arn:aws:secretsmanager:*:*:secret:billing-prod-dbPassword-??????"
 * ```
 */
export function secretArnPattern(fullName: string, scope: ArnScope = {}): string {
  const { partition, region, account } = parts(scope);
  return `arn:${partition}:secretsmanager:${region}:${account}:secret:${fullName}-??????`;
}

/**
 * The partition, region and account of an ARN (or ARN pattern).
 * @example
 * ```ts
 * arnScope("arn:aws:ssm:eu-west-1:123456789012:parameter/x"); // { partition: "aws", region: "eu-west-1", account: "123456789012" }
 * ```
 */
export function arnScope(arn: string): Required<ArnScope> {
  const [, partition = "aws", , region = "*", account = "*"] = arn.split(":");
  return { partition, region: region || "*", account: account || "*" };
}
