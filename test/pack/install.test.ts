// The package as users get it: `npm pack`, then an offline install into an
// empty app outside the repository, then the installed `secrets` bin and
// library against moto. Nothing here imports from src/ or dist/ directly.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueScope } from "../support/aws.js";
import { bunPath, repoRoot } from "../support/cli.js";
import { pinnedApp } from "./pinnedLockfile.js";

const run = promisify(execFile);
const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };

interface PackedFile {
  path: string;
  size: number;
}

let work: string;
let app: string;
let packed: PackedFile[];
let installedBin: string;

/** Runs a command in the app, with the test's AWS settings (moto) and no SST variables; a failure shows its output. */
async function inApp(command: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.SST_APP;
  delete env.SST_STAGE;
  const child = run(command, args, { cwd: app, env, maxBuffer: 16 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  try {
    return await child;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}

beforeAll(async () => {
  if (!existsSync(join(repoRoot, "dist/cli/bin.js"))) throw new Error("dist/ is missing: run npm run build (npm test does it first)");
  work = mkdtempSync(join(tmpdir(), "senvar-pack-"));
  app = join(work, "app");
  mkdirSync(app);
  // --ignore-scripts: prepack would rebuild dist/, which the other test files are running at this moment.
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", app], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  const [report] = JSON.parse(stdout) as [{ filename: string; files: PackedFile[] }];
  packed = report.files;
  const registry = process.env.npm_config_registry ?? "https://registry.npmjs.org/";
  const { packageJson, lockfile } = pinnedApp(join(repoRoot, "package-lock.json"), report.filename, registry);
  writeFileSync(join(app, "package.json"), JSON.stringify(packageJson, null, 2));
  writeFileSync(join(app, "package-lock.json"), JSON.stringify(lockfile, null, 2));
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", `./${report.filename}`], { cwd: app, maxBuffer: 16 * 1024 * 1024 });
  installedBin = join(app, "node_modules/.bin/secrets");
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("ships dist/, the templates, the README and package.json, and nothing else", () => {
    const paths = packed.map((f) => f.path);
    for (const required of ["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/cli/bin.js", "dist/codegen/index.js", "dist/pulumi/generator.js"]) {
      expect(paths).toContain(required);
    }
    for (const template of ["registry.ts.hbs", "rotation.ts.hbs", "pulumi-resources.ts.hbs", "pulumi-variables.ts.hbs"]) expect(paths).toContain(`templates/${template}`);
    expect(paths.filter((p) => !/^(dist\/|templates\/[\w.-]+\.hbs$|package\.json$|README\.md$)/.test(p))).toEqual([]);
  });

  it("holds no tests and no CLI source maps, and the library's maps carry their own sources", () => {
    const paths = packed.map((f) => f.path);
    expect(paths.filter((p) => /(^|\/)(test|tests|__tests__|fixtures)\/|\.test\.|\.tgz$|tsbuildinfo/.test(p))).toEqual([]);
    // The CLI bundle's maps embed the whole AWS SDK (megabytes) and are only of use in this repository.
    expect(paths.filter((p) => p.startsWith("dist/cli/") && p.endsWith(".map"))).toEqual([]);
    // src/ is not shipped, so the library's maps must embed it, or debuggers and bundlers report missing sources.
    const map = JSON.parse(readFileSync(join(app, "node_modules/@senvar/secrets/dist/runtime/secret.js.map"), "utf8")) as { sourcesContent?: string[] };
    expect(map.sourcesContent?.[0]).toContain("export class Secret");
  });

  it("stays small: under 1 MB packed and 4 MB unpacked", () => {
    const total = packed.reduce((sum, f) => sum + f.size, 0);
    expect(total).toBeLessThan(4 * 1024 * 1024);
    expect(statSync(join(app, `senvar-secrets-${version}.tgz`)).size).toBeLessThan(1024 * 1024);
  });
});

describe("installed offline into an empty app", () => {
  it("installs only the runtime dependencies: no Pulumi, no TypeScript, no test tools", () => {
    for (const absent of ["@pulumi/pulumi", "@pulumi/aws", "typescript", "vitest", "esbuild", "bun"]) expect(existsSync(join(app, "node_modules", absent)), absent).toBe(false);
    for (const present of ["@aws-sdk/client-ssm", "@aws-sdk/client-secrets-manager", "ts-morph", "handlebars"]) expect(existsSync(join(app, "node_modules", present)), present).toBe(true);
  });

  it("secrets --version prints the package version", async () => {
    const { stdout } = await inApp(installedBin, ["--version"]);
    expect(stdout.trim()).toBe(`secrets, ${version}`);
  });

  it("secrets codegen writes a registry and stubs from the shipped templates, and the app type-checks against the shipped types", async () => {
    mkdirSync(join(app, "secrets"), { recursive: true });
    mkdirSync(join(app, "src"), { recursive: true });
    writeFileSync(
      join(app, "secrets/variables.ts"),
      `import { Parameter, Secret } from "@senvar/secrets";\nexport const dbPassword = new Secret("dbPassword");\nexport const featureFlag = new Parameter("featureFlag");\n`,
    );
    writeFileSync(
      join(app, "src/app.ts"),
      [
        `import { getAll } from "@senvar/secrets";`,
        `import { secrets, type SecretKey } from "../generated/secrets.js";`,
        `export const password: Promise<string> = secrets.dbPassword.get();`,
        `export const config: Promise<{ dbPassword: string; featureFlag: string }> = getAll({ dbPassword: secrets.dbPassword, featureFlag: secrets.featureFlag });`,
        `export const key: SecretKey = "featureFlag";`,
        `// @ts-expect-error an undeclared key does not compile`,
        `void secrets.notDeclared;`,
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["secrets", "src", "generated"] }),
    );

    const { stdout } = await inApp(installedBin, ["codegen"]);
    expect(stdout).toContain("secrets codegen: 1 secret, 1 parameter");
    expect(stdout).toMatch(/written\s+generated\/secrets\.ts/);
    expect(stdout).toMatch(/created\s+secrets\/rotation\/dbPassword\.ts/);
    expect(readFileSync(join(app, "generated/secrets.ts"), "utf8")).toContain("readonly dbPassword: Secret;");

    await inApp(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
    expect((await inApp(installedBin, ["codegen", "--check"])).stdout).toContain("everything is up to date");
  }, 60_000);

  it("secrets set and get work against moto, and the library reads what the CLI wrote", async () => {
    const { app: appName, stage } = uniqueScope("pk");
    const scope = ["--app", appName, "--stage", stage];
    expect((await inApp(installedBin, ["set", "greeting", "hello from the tarball", ...scope])).stdout).toMatch(/^set .+-greeting in SSM Parameter Store, version 1\n$/);
    expect((await inApp(installedBin, ["get", "greeting", ...scope])).stdout).toBe("hello from the tarball");
    await inApp(installedBin, ["set", "apiToken", "--secret", "-", ...scope], "line one\nline two\n");

    const script = `import { getAll, Parameter, Secret } from "@senvar/secrets";
      const scope = { app: ${JSON.stringify(appName)}, stage: ${JSON.stringify(stage)} };
      const values = await getAll({ greeting: new Parameter("greeting", scope), apiToken: new Secret("apiToken", scope) });
      process.stdout.write(JSON.stringify(values));`;
    const { stdout } = await inApp(process.execPath, ["--input-type=module", "-e", script]);
    expect(JSON.parse(stdout)).toEqual({ greeting: "hello from the tarball", apiToken: "line one\nline two\n" });
  });

  it("the installed CLI runs under Bun too", async () => {
    const { app: appName, stage } = uniqueScope("pb");
    const bin = join(app, "node_modules/@senvar/secrets/dist/cli/bin.js");
    await inApp(bunPath, [bin, "set", "viaBun", "yes", "--app", appName, "--stage", stage]);
    expect((await inApp(bunPath, [bin, "get", "viaBun", "--app", appName, "--stage", stage])).stdout).toBe("yes");
  });
});
