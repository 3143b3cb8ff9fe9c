#!/usr/bin/env node
// The `secrets` CLI: this file only wires sade. Each command lives in
// ./commands/<name>.ts and is imported when it runs, so `get`, `set` and
// `list` never load the codegen or Pulumi modules.
import { readFileSync } from "node:fs";
import sade from "sade";
import { command } from "./command.js";
import { main, type Program } from "./run.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = sade("secrets")
  .version(version)
  .describe("Typed secrets (Secrets Manager) and configuration (SSM Parameter Store) for AWS apps.")
  .option("--app", "App name; defaults to SST_APP, then the project config")
  .option("--stage", "Stage name; defaults to SST_STAGE, then the project config")
  .option("--region", "AWS region; defaults to AWS_REGION / AWS_DEFAULT_REGION, then the project config")
  .option("--profile", "AWS profile; defaults to AWS_PROFILE, then the project config")
  .option("--debug", "Show stack traces and the AWS SDK's own warnings", false);

program
  .command("get <name>")
  .describe("Print a value to stdout, byte-exact (a newline is added only on a terminal).")
  .option("--secret", "Read from Secrets Manager", false)
  .option("--parameter", "Read from SSM Parameter Store", false)
  .option("--json", "Print {name, type, value, version}", false)
  .example("get dbPassword --app billing --stage prod")
  .example("get billing-prod-dbPassword --json")
  .action(command(async () => (await import("./commands/get.js")).get));

program
  .command("set <name> [value]")
  .describe("Create or update a value. Give it as an argument, - for stdin, or leave it out to be asked (hidden) on a terminal or to read stdin otherwise.")
  .option("--secret", "Store in Secrets Manager", false)
  .option("--parameter", "Store in SSM Parameter Store (the default for new names)", false)
  .option("--encrypted", "Store in SSM as a SecureString (alias/aws/ssm)", false)
  .option("--tier", "SSM tier: Standard (4 KB), Advanced (8 KB) or Intelligent-Tiering")
  .option("--yes", "Store a secret-looking name in SSM without asking", false)
  .option("--json", "Print {name, backend, type, version}", false)
  .example("set dbPassword --secret            # asks for the value, hidden")
  .example("set featureFlag enabled")
  .example("set tlsKey --secret - < key.pem")
  .action(command(async () => (await import("./commands/set.js")).set, { stdinArg: 1 }));

program
  .command("define <name>")
  .describe("Declare a variable in the project's definitions file (secrets/variables.ts by default), then run codegen. Stores nothing in AWS.")
  .option("--secret", "Declare a Secret (Secrets Manager)", false)
  .option("--encrypted", "Declare an encrypted Parameter (SecureString)", false)
  .option("--file", "The definitions file (default from the config, else secrets/variables.ts)")
  .example("define dbPassword --secret")
  .example("define featureFlag")
  .action(command(async () => (await import("./commands/define.js")).define));

program
  .command("rotate <name>")
  .describe("Rotate a secret: a new value from a hidden prompt (or stdin), or --auto with the project's rotation handler.")
  .option("--auto", "Use the handler in secrets/rotation/ (index.ts rotationHandlers, <fullName>.ts or <name>.ts)", false)
  .option("--secret", "Treat the name as a secret even if it is not stored yet", false)
  .option("--json", "Print {name, versionId, previousVersionId, arn, source}", false)
  .example("rotate apiKey --auto")
  .example("rotate apiKey < new-key.txt")
  .action(command(async () => (await import("./commands/rotate.js")).rotate));

program
  .command("delete <name>")
  .describe("Delete a variable. Asks for confirmation on a terminal; without one, --force is required.")
  .option("--force", "Delete without asking", false)
  .option("--permanent", "Secrets: no recovery window", false)
  .option("--recovery-window", "Secrets: days (7-30) during which secrets restore can undo it; default 30")
  .option("--secret", "Delete from Secrets Manager", false)
  .option("--parameter", "Delete from SSM Parameter Store", false)
  .option("--json", "Print the result as JSON", false)
  .example("delete oldToken --force")
  .example("delete oldToken --force --permanent")
  .action(command(async () => (await import("./commands/delete.js")).remove));

program
  .command("list [prefix]")
  .describe("List variables in both backends (never values). Defaults to the app-stage prefix.")
  .option("--json", "Print an array of {name, type, lastChanged, tags}", false)
  .example("list --app billing --stage prod")
  .example("list billing- --json")
  .action(command(async () => (await import("./commands/list.js")).list));

program
  .command("status")
  .describe("Set the declarations (generated/manifest.json) against what is stored: missing, not set, scheduled for deletion, wrong backend, undeclared. Exits 1 unless every declared variable has a value: a deploy gate. Reads no values except to spot the SSM placeholder.")
  .option("--json", "Print {app, stage, prefix, ready, declared, undeclared}", false)
  .example("status --app billing --stage prod")
  .example("status --json")
  .action(command(async () => (await import("./commands/status.js")).status));

program
  .command("history <name>")
  .describe("List a variable's versions, newest first: VersionIds, dates and staging labels (Secrets Manager) or version numbers, dates and labels (SSM). Never values.")
  .option("--secret", "Look in Secrets Manager", false)
  .option("--parameter", "Look in SSM Parameter Store", false)
  .option("--json", "Print {name, backend, versions}", false)
  .example("history dbPassword --app billing --stage prod")
  .example("history billing-prod-featureFlag --json")
  .action(command(async () => (await import("./commands/history.js")).history));

program
  .command("rollback <name>")
  .describe("Roll a variable back. A secret: AWSCURRENT moves to AWSPREVIOUS (or --to <versionId>) as a compare-and-swap. A parameter: the previous version's value (or --to <version>'s) is written as a new version. Asks on a terminal; --force without one.")
  .option("--to", "The version to go back to: a VersionId (secret) or version number (parameter); see secrets history")
  .option("--force", "Roll back without asking", false)
  .option("--secret", "Roll back in Secrets Manager", false)
  .option("--parameter", "Roll back in SSM Parameter Store", false)
  .option("--json", "Print the result as JSON", false)
  .example("rollback apiKey --force")
  .example("rollback featureFlag --to 3")
  .action(command(async () => (await import("./commands/rollback.js")).rollback));

program
  .command("restore <name>")
  .describe("Undo a secret's scheduled deletion, within its recovery window (RestoreSecret).")
  .option("--json", "Print the result as JSON", false)
  .example("restore oldToken --app billing --stage prod")
  .action(command(async () => (await import("./commands/restore.js")).restore));

program
  .command("exec")
  .describe("Run a command with the declared variables in its environment: dbPassword becomes DB_PASSWORD (camelCase and - . / split into words, upper-cased, joined with _). One batched read; values only in the child's environment. Signals are passed on; the exit code is the command's (128 + n if a signal killed it).")
  .option("--only", "Only these keys (comma-separated, or repeat the flag)")
  .example("exec --app billing --stage prod -- node server.js")
  .example("exec --only dbPassword,featureFlag -- npm run migrate")
  .action(command(async () => (await import("./commands/exec.js")).exec, { passthrough: true }));

program
  .command("export")
  .describe("Print the declared variables' values as dotenv or JSON (named as exec names them), or write them to a new file with mode 0600. The output holds secret values: a warning is shown on a terminal.")
  .option("--format", "dotenv (default) or json")
  .option("--out", "Write to this file (created with mode 0600) instead of stdout")
  .option("--force", "With --out: replace an existing file (with a new one, mode 0600)", false)
  .option("--only", "Only these keys (comma-separated, or repeat the flag)")
  .example("export --format dotenv --out .env.prod --app billing --stage prod")
  .example("export --format json --only dbPassword")
  .action(command(async () => (await import("./commands/export.js")).exportValues));

program
  .command("codegen")
  .describe("Scan the project for declarations and write the typed registry, its manifest, least-privilege IAM policies (iam-policy.json, iam-policy.admin.json) and rotation stubs.")
  .option("--check", "Write nothing; exit 1 if any generated file is stale (for CI)", false)
  .option("--watch", "Regenerate on change", false)
  .option("--root", "Project root to scan (default: the nearest folder with senvar.config.json or package.json)")
  .option("--out-dir", "Where the registry goes, relative to the root (default from the config, else generated)")
  .example("codegen")
  .example("codegen --check")
  .action(command(async () => (await import("./commands/codegen.js")).codegen));

program
  .command("pulumi:generate")
  .describe("Write infra/secrets/{variables,resources}.ts: Pulumi placeholders for every declaration.")
  .option("--out-dir", "Output folder, relative to the root (default from the config, else infra/secrets)")
  .option("--check", "Write nothing; exit 1 if the files are stale", false)
  .option("--root", "Project root to scan (default: the nearest folder with senvar.config.json or package.json)")
  .example("pulumi:generate")
  .example("pulumi:generate --out-dir infra/secrets")
  .action(command(async () => (await import("./commands/pulumiGenerate.js")).pulumiGenerate));

process.exitCode = await main(program as unknown as Program, process.argv);
