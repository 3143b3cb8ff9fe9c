// The walkthrough itself: every command a user would type, in the order of
// issue 8, in a copy of examples/billing.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The Secret the demo declares, sets, rotates and deletes. */
export const DEMO_SECRET = "signingKey";

/** A real rotation handler, written over the stub that codegen created. It holds no value. */
const ROTATION_HANDLER = `// The rotation of signingKey, which \`secrets rotate signingKey --auto\` imports.
import { randomBytes } from "node:crypto";

/** A fresh random key; a real handler would also register it where the old one is checked. */
export default async function rotate(old: string | undefined): Promise<string> {
  void old; // a new key does not depend on the old one
  return \`sk_\${randomBytes(24).toString("base64url")}\`;
}
`;

/** The part of a file from the line matching `from` to the first line matching `to`, inclusive. */
function excerpt(text, from, to) {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => from.test(line));
  const end = lines.findIndex((line, i) => i > start && to.test(line));
  return start === -1 ? text : lines.slice(start, end === -1 ? undefined : end + 1).join("\n");
}

/**
 * @param runner from createRunner
 * @param {{ project: string, values: { first: string, manual: string } }} options
 *   `values` are the secret values typed in; they go in on stdin only.
 */
export async function walkthrough(runner, { project, values }) {
  const read = (path) => readFileSync(join(project, path), "utf8");

  runner.section("1. Declare a new Secret");
  runner.say("define adds `export const signingKey = new Secret(\"signingKey\")` to secrets/variables.ts and runs codegen. Nothing is stored in AWS.");
  await runner.run(["define", DEMO_SECRET, "--secret"]);

  runner.section("2. The typed registry");
  runner.say("codegen scans the declarations (ts-morph) and writes generated/secrets.ts; in CI, `secrets codegen --check` fails when it is stale.");
  await runner.run(["codegen"]);
  runner.show("generated/secrets.ts (excerpt): secrets.signingKey is a Secret, secrets.featureFlag a Parameter", excerpt(read("generated/secrets.ts"), /^export interface SecretRegistry/, /^export type SecretKey/));

  runner.section("3. Pulumi placeholders");
  runner.say("pulumi:generate writes infra/secrets/: one placeholder per declaration, with no value, so `pulumi up` never holds a secret.");
  await runner.run(["pulumi:generate"]);
  runner.show("infra/secrets/resources.ts (excerpt)", excerpt(read("infra/secrets/resources.ts"), /placeholder for `signingKey`/, /^\}\);/));

  runner.section("4. Set values");
  runner.say("A secret goes to Secrets Manager. Its value comes on stdin here (a hidden prompt on a terminal), so it is never on a command line.");
  await runner.run(["set", DEMO_SECRET, "--secret", "-"], { stdin: values.first, stdinNote: "the value comes on stdin; it is not shown" });
  runner.say("Configuration goes to SSM Parameter Store:");
  await runner.run(["set", "featureFlag", "enabled"]);

  runner.section("5. Read them back");
  runner.say("get is the one command that prints a value: byte-exact on stdout.");
  await runner.run(["get", DEMO_SECRET]);
  await runner.run(["get", "featureFlag"]);

  runner.section("6. List");
  runner.say("Both backends, merged and sorted, with their tags; never a value.");
  await runner.run(["list"]);

  runner.section("7. Rotate");
  runner.say("Manually: the new value comes on stdin (a hidden prompt on a terminal). The old one stays readable as AWSPREVIOUS.");
  await runner.run(["rotate", DEMO_SECRET], { stdin: values.manual, stdinNote: "the new value comes on stdin; it is not shown" });
  writeFileSync(join(project, `secrets/rotation/${DEMO_SECRET}.ts`), ROTATION_HANDLER);
  runner.say("With --auto, through the project's rotation handler, written over the stub codegen created:");
  runner.show(`secrets/rotation/${DEMO_SECRET}.ts`, ROTATION_HANDLER);
  await runner.run(["rotate", DEMO_SECRET, "--auto"]);
  runner.say("A Parameter is configuration, and refuses to rotate (exit 1):");
  await runner.run(["rotate", "featureFlag"], { expectCode: 1 });

  runner.section("8. Delete");
  runner.say("Without a terminal, delete needs --force. --permanent skips the secret's 30-day recovery window.");
  await runner.run(["delete", DEMO_SECRET, "--force", "--permanent"]);
  await runner.run(["delete", "featureFlag", "--force"]);
  await runner.run(["list"]);
}

/** Best effort, for a real account after a failure: delete what the demo may have created. */
export async function deleteDemoVariables(runner) {
  for (const args of [["delete", DEMO_SECRET, "--force", "--permanent", "--secret"], ["delete", "featureFlag", "--force", "--parameter"]]) {
    await runner.run(args, { expectCode: "any" }).catch(() => {});
  }
}
