// The least-privilege policies: the pure builder, the ARN helpers, and what
// codegen writes for app/stage known from the config or only at deploy time.
import { describe, expect, it } from "vitest";
import { buildModel } from "../../src/codegen/merge.js";
import type { Declaration } from "../../src/codegen/model.js";
import { APP_POLICY_VARIABLE, policyName, renderPolicy, STAGE_POLICY_VARIABLE } from "../../src/codegen/iam.js";
import { iamPolicy, parameterArn, secretArnPattern, type IamPolicyDocument } from "../../src/index.js";

function declaration(partial: Partial<Declaration> & Pick<Declaration, "key">): Declaration {
  return { kind: "secret", form: "new", options: {}, unreadOptions: [], file: "secrets/variables.ts", line: 1, ...partial };
}

const actionsOn = (document: IamPolicyDocument, resource: string) =>
  document.Statement.filter((s) => (Array.isArray(s.Resource) ? s.Resource.includes(resource) : s.Resource === resource)).flatMap((s) => s.Action).sort();

describe("ARNs", () => {
  it("builds parameter ARNs without repeating a hierarchical name's leading slash, and secret patterns ending in -??????", () => {
    expect(parameterArn("billing-prod-flag", { region: "eu-west-1", account: "123456789012" })).toBe("arn:aws:ssm:eu-west-1:123456789012:parameter/billing-prod-flag");
    expect(parameterArn("/billing/prod/flag")).toBe("arn:aws:ssm:*:*:parameter/billing/prod/flag");
    expect(secretArnPattern("billing-prod-db", { partition: "aws-cn" })).toBe("arn:aws-cn:secretsmanager:*:*:secret:billing-prod-db-??????");
  });
});

describe("iamPolicy", () => {
  const secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:billing-prod-db-??????";
  const plain = "arn:aws:ssm:eu-west-1:111122223333:parameter/billing-prod-flag";
  const secure = "arn:aws:ssm:eu-west-1:111122223333:parameter/billing-prod-hook";

  it("read: GetParameter(s) and GetSecretValue on the exact ARNs, BatchGetSecretValue on *, kms:Decrypt only via SSM for the SecureString", () => {
    const document = iamPolicy({ parameters: [plain], secureParameters: [secure], secrets: [secret] });
    expect(document.Version).toBe("2012-10-17");
    expect(actionsOn(document, plain)).toEqual(["ssm:GetParameter", "ssm:GetParameters"]);
    expect(actionsOn(document, secure)).toEqual(["ssm:GetParameter", "ssm:GetParameters"]);
    expect(actionsOn(document, secret)).toEqual(["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]);
    expect(actionsOn(document, "*")).toEqual(["secretsmanager:BatchGetSecretValue"]);
    expect(document.Statement.find((s) => s.Sid === "DecryptSecureParameters")).toEqual({
      Sid: "DecryptSecureParameters",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: ["arn:aws:kms:eu-west-1:111122223333:key/*"],
      Condition: { StringLike: { "kms:ViaService": "ssm.eu-west-1.amazonaws.com", "kms:EncryptionContext:PARAMETER_ARN": secure } },
    });
    const everyAction = document.Statement.flatMap((s) => s.Action);
    for (const write of ["ssm:PutParameter", "secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret", "kms:Encrypt"]) expect(everyAction).not.toContain(write);
  });

  it("has no kms statement without a SecureString, and no secrets statements without secrets", () => {
    expect(iamPolicy({ parameters: [plain] }).Statement.map((s) => s.Sid)).toEqual(["ReadParameters"]);
    expect(iamPolicy({ secrets: [secret] }).Statement.map((s) => s.Sid)).toEqual(["ReadSecrets", "BatchReadSecrets"]);
    expect(iamPolicy({})).toEqual({ Version: "2012-10-17", Statement: [] });
  });

  it("admin: adds the writes, history, tags, delete and restore on the same ARNs, and only list calls on *", () => {
    const document = iamPolicy({ parameters: [plain], secureParameters: [secure], secrets: [secret] }, "admin");
    expect(actionsOn(document, plain)).toEqual(["ssm:AddTagsToResource", "ssm:DeleteParameter", "ssm:GetParameter", "ssm:GetParameterHistory", "ssm:GetParameters", "ssm:ListTagsForResource", "ssm:PutParameter"]);
    expect(actionsOn(document, secret)).toEqual([
      "secretsmanager:CreateSecret",
      "secretsmanager:DeleteSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "secretsmanager:ListSecretVersionIds",
      "secretsmanager:PutSecretValue",
      "secretsmanager:RestoreSecret",
      "secretsmanager:TagResource",
      "secretsmanager:UpdateSecretVersionStage",
    ]);
    expect(actionsOn(document, "*")).toEqual(["secretsmanager:BatchGetSecretValue", "secretsmanager:ListSecrets", "ssm:DescribeParameters"]);
    expect(document.Statement.find((s) => s.Sid === "EncryptDecryptSecureParameters")!.Action).toEqual(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]);
  });

  it("is deterministic: resources sorted and deduplicated", () => {
    const a = iamPolicy({ secrets: [secret, "arn:aws:secretsmanager:*:*:secret:a-??????", secret] });
    expect(a.Statement[0]!.Resource).toEqual(["arn:aws:secretsmanager:*:*:secret:a-??????", secret]);
  });
});

describe("the codegen policy files", () => {
  const model = buildModel(
    [
      declaration({ key: "dbPassword" }),
      declaration({ key: "hook", kind: "parameter", options: { encrypted: true }, line: 2 }),
      declaration({ key: "pinned", kind: "parameter", options: { app: "billing", stage: "prod", region: "us-west-2" }, line: 3 }),
      declaration({ key: "legacy-prod-token", form: "fromName", line: 4 }),
    ],
    [],
  );

  it("uses the principal's app and stage tags as IAM policy variables when codegen cannot know them", () => {
    const document = JSON.parse(renderPolicy(model, {}, "read")) as IamPolicyDocument;
    const resources = document.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
    expect(resources).toContain(`arn:aws:secretsmanager:*:*:secret:${APP_POLICY_VARIABLE}-${STAGE_POLICY_VARIABLE}-dbPassword-??????`);
    expect(resources).toContain("arn:aws:secretsmanager:*:*:secret:legacy-prod-token-??????");
    expect(resources).toContain("arn:aws:ssm:us-west-2:*:parameter/billing-prod-pinned");
    expect(APP_POLICY_VARIABLE).toBe("${aws:PrincipalTag/app}");
  });

  it("uses the project config's app, stage and region where the declaration does not fix them", () => {
    const document = JSON.parse(renderPolicy(model, { app: "billing", region: "eu-west-1" }, "read")) as IamPolicyDocument;
    expect(document.Statement.find((s) => s.Sid === "ReadSecrets")!.Resource).toEqual([
      `arn:aws:secretsmanager:eu-west-1:*:secret:billing-${STAGE_POLICY_VARIABLE}-dbPassword-??????`,
      "arn:aws:secretsmanager:eu-west-1:*:secret:legacy-prod-token-??????",
    ]);
    expect(policyName(model.variables.find((v) => v.key === "pinned")!, { app: "other", stage: "dev" })).toBe("billing-prod-pinned");
    expect(document.Statement.find((s) => s.Sid === "DecryptSecureParameters")!.Condition).toEqual({
      StringLike: { "kms:ViaService": "ssm.eu-west-1.amazonaws.com", "kms:EncryptionContext:PARAMETER_ARN": `arn:aws:ssm:eu-west-1:*:parameter/billing-${STAGE_POLICY_VARIABLE}-hook` },
    });
  });

  it("is pretty JSON with a final newline, the same bytes every time", () => {
    const text = renderPolicy(model, {}, "admin");
    expect(text.endsWith("}\n")).toBe(true);
    expect(renderPolicy(model, {}, "admin")).toBe(text);
  });
});
