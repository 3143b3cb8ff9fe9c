// Interactive flows on a real pseudo-terminal (util-linux `script`).
import { describe, expect, it } from "vitest";
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { rawSsm, uniqueScope } from "../support/aws.js";
import { rejection } from "../support/capture.js";
import { plain, runCli, runInPty } from "../support/cli.js";

function scoped() {
  const { app, stage } = uniqueScope("y");
  return { app, stage, flags: ["--app", app, "--stage", stage] };
}

describe("on a terminal", () => {
  it("asks for a value without echoing it", async () => {
    const { flags } = scoped();
    const { code, output } = await runInPty(["set", "typedKey", "--secret", ...flags], [{ expect: /Value for .+-typedKey/, send: "typed-hidden-canary\r" }]);
    expect(code).toBe(0);
    expect(output).not.toContain("typed-hidden-canary");
    expect(plain(output)).toMatch(/set .+-typedKey in Secrets Manager, version [0-9a-f-]{36}/);
    expect((await runCli(["get", "typedKey", ...flags])).stdout).toBe("typed-hidden-canary");
  });

  it("get adds a newline only on a terminal", async () => {
    const { flags } = scoped();
    await runCli(["set", "lineFlag", "on", ...flags]);
    const { output } = await runInPty(["get", "lineFlag", ...flags], []);
    expect(output).toBe("on\r\n");
  });

  it("confirms a delete when the user answers yes", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "confirmMe", "v", ...flags]);
    const { code, output } = await runInPty(["delete", "confirmMe", ...flags], [{ expect: /Delete .+-confirmMe\?/, send: "y" }]);
    expect(code).toBe(0);
    expect(plain(output)).toContain("it is removed at once (SSM has no recovery window)");
    expect(plain(output)).toContain(`deleted ${app}-${stage}-confirmMe`);
    expect(await rejection(rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-confirmMe` })))).toHaveProperty("name", "ParameterNotFound");
  });

  it("deletes nothing when the user answers no", async () => {
    const { app, stage, flags } = scoped();
    await runCli(["set", "declineMe", "v", ...flags]);
    const { code, output } = await runInPty(["delete", "declineMe", ...flags], [{ expect: /Delete .+-declineMe\?/, send: "n" }]);
    expect(code).toBe(1);
    expect(plain(output)).toContain("not confirmed; nothing was deleted");
    expect((await rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-declineMe` }))).Parameter?.Value).toBe("v");
  });

  it("Ctrl-C at the hidden prompt exits 130 and writes nothing", async () => {
    const { app, stage, flags } = scoped();
    const { code, output } = await runInPty(["set", "interrupted", ...flags], [{ expect: /Value for/, send: "\u0003" }]);
    expect(code).toBe(130);
    expect(plain(output)).toContain("cancelled; nothing was written");
    expect(await rejection(rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-interrupted` })))).toHaveProperty("name", "ParameterNotFound");
  });

  it("warns and asks before storing a secret-looking name in SSM", async () => {
    const { app, stage, flags } = scoped();
    const declined = await runInPty(["set", "dbPassword", "pw", ...flags], [{ expect: /anyway\?/, send: "n" }]);
    expect(declined.code).toBe(1);
    expect(plain(declined.output)).toContain("warning: ");
    expect(plain(declined.output)).toContain("looks like a secret");
    expect(await rejection(rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-dbPassword` })))).toHaveProperty("name", "ParameterNotFound");

    const accepted = await runInPty(["set", "dbPassword", "pw", ...flags], [{ expect: /anyway\?/, send: "y" }]);
    expect(accepted.code).toBe(0);
    expect((await rawSsm().send(new GetParameterCommand({ Name: `${app}-${stage}-dbPassword` }))).Parameter?.Value).toBe("pw");
  });
});
