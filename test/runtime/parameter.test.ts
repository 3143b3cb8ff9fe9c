import { describe, expect, it } from "vitest";
import { DescribeParametersCommand, GetParameterCommand, ListTagsForResourceCommand, PutParameterCommand } from "@aws-sdk/client-ssm";
import { NotFoundError, NotSetError, Parameter, PLACEHOLDER_VALUE, ValidationError } from "../../src/index.js";
import { awsCli, rawSsm, uniqueScope } from "../support/aws.js";
import { rejection, thrown } from "../support/capture.js";

describe("Parameter against moto", () => {
  it("set creates a String tagged with app and stage, and get reads it back", async () => {
    const scope = uniqueScope();
    const flag = new Parameter("featureFlag", scope);
    const written = await flag.set("enabled");
    expect(written).toMatchObject({ kind: "parameter", name: `${scope.app}-test-featureFlag`, version: 1 });
    expect(await flag.get()).toBe("enabled");

    const raw = await rawSsm().send(new GetParameterCommand({ Name: flag.fullName }));
    expect(raw.Parameter).toMatchObject({ Type: "String", Value: "enabled", Version: 1 });
    const tags = await rawSsm().send(new ListTagsForResourceCommand({ ResourceType: "Parameter", ResourceId: flag.fullName }));
    expect(Object.fromEntries((tags.TagList ?? []).map((t) => [t.Key, t.Value]))).toEqual({ app: scope.app, stage: "test" });
  });

  it("encrypted parameters are SecureStrings under alias/aws/ssm, decrypted on get (checked with the AWS CLI)", async () => {
    const scope = uniqueScope();
    const url = new Parameter("webhookUrl", { ...scope, encrypted: true });
    await url.set("https://hooks.example.com/abc");
    expect(await url.get()).toBe("https://hooks.example.com/abc");

    const described = await awsCli<{ Parameters: { Type: string; KeyId: string }[] }>([
      "ssm",
      "describe-parameters",
      "--parameter-filters",
      `Key=Name,Values=${url.fullName}`,
    ]);
    expect(described.Parameters[0]).toMatchObject({ Type: "SecureString", KeyId: "alias/aws/ssm" });
    const tags = await awsCli<{ TagList: { Key: string; Value: string }[] }>(["ssm", "list-tags-for-resource", "--resource-type", "Parameter", "--resource-id", url.fullName]);
    expect(tags.TagList).toEqual(expect.arrayContaining([{ Key: "app", Value: scope.app }, { Key: "stage", Value: "test" }]));
  });

  it("set on an existing parameter overwrites it and bumps the version", async () => {
    const flag = new Parameter("limit", uniqueScope());
    await flag.set("1");
    const second = await flag.set("2");
    expect(second.version).toBe(2);
    expect(await flag.get()).toBe("2");
  });

  it("keeps values byte-exact", async () => {
    const flag = new Parameter("json", uniqueScope());
    const value = '  {"a": [1, 2],\n "ü": "✓"}\n\n';
    await flag.set(value);
    expect(await flag.get()).toBe(value);
  });

  it("get on a missing parameter throws NotFoundError naming it and the region", async () => {
    const flag = new Parameter("nothingHere", uniqueScope());
    const error = await rejection(flag.get());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(flag.fullName);
    expect(error.message).toContain("us-east-1");
  });

  it("get on the Pulumi placeholder throws NotSetError telling to run secrets set", async () => {
    const flag = new Parameter("seeded", uniqueScope());
    await rawSsm().send(new PutParameterCommand({ Name: flag.fullName, Value: PLACEHOLDER_VALUE, Type: "String" }));
    const error = (await rejection(flag.get())) as NotSetError;
    expect(error).toBeInstanceOf(NotSetError);
    expect(error.message).toContain(flag.fullName);
    expect(error.hint).toBe(`run: secrets set ${flag.fullName}`);
    await flag.set("real");
    expect(await flag.get()).toBe("real");
  });

  it("refuses an empty value and the placeholder before sending anything", async () => {
    const flag = new Parameter("empty", uniqueScope());
    expect((await rejection(flag.set(""))).constructor).toBe(ValidationError);
    expect((await rejection(flag.set(PLACEHOLDER_VALUE))).constructor).toBe(ValidationError);
    expect(await rejection(flag.get())).toBeInstanceOf(NotFoundError);
  });

  it("rotate throws at run time (and does not type-check)", () => {
    const flag = new Parameter("flag", uniqueScope());
    // @ts-expect-error Parameters cannot be rotated
    const error = thrown(() => flag.rotate(async () => "x"));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain("cannot be rotated");
  });

  it("delete removes the parameter", async () => {
    const flag = new Parameter("gone", uniqueScope());
    await flag.set("x");
    expect(await flag.delete()).toMatchObject({ name: flag.fullName, permanent: true });
    const described = await rawSsm().send(new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Values: [flag.fullName] }] }));
    expect(described.Parameters).toEqual([]);
    expect(await rejection(flag.delete())).toBeInstanceOf(NotFoundError);
  });
});
