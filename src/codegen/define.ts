import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { ImportDeclaration, SourceFile } from "ts-morph";
import { ValidationError } from "../runtime/errors.js";
import type { VariableKind } from "./model.js";
import { RESERVED_WORDS } from "./identifiers.js";
import { PACKAGE_NAME, scanFileText } from "./parse.js";
import { relativePosix } from "./paths.js";

/** Where `secrets define` declares variables unless told otherwise, relative to the root. */
export const DEFAULT_DEFINITIONS_FILE = "secrets/variables.ts";

/**
 * What `secrets define` asks for.
 * @example
 * ```ts
 * const options: AddDeclarationOptions = { key: "webhookUrl", kind: "parameter", encrypted: true };
 * ```
 */
export interface AddDeclarationOptions {
  /** The key, which is also the exported const's name: a JavaScript identifier of A-Z a-z 0-9 _. */
  key: string;
  kind: VariableKind;
  /** Parameters: declare a SecureString. Secrets are always encrypted (false is an error). */
  encrypted?: boolean | undefined;
  /** The definitions file, relative to `root` (or absolute); default `secrets/variables.ts`. */
  file?: string | undefined;
  /** The project root; default the cwd. */
  root?: string | undefined;
}

/**
 * What `addDeclaration` did.
 * @example
 * ```ts
 * const result: AddDeclarationResult = { changed: true, created: false, file: "secrets/variables.ts", key: "dbPassword" };
 * ```
 */
export interface AddDeclarationResult {
  /** False when the file already declared the key the same way: nothing was written. */
  changed: boolean;
  /** True when the definitions file did not exist and was created. */
  created: boolean;
  /** The definitions file, posix and relative to the root. */
  file: string;
  key: string;
}

const HEADER = [
  "// The Secrets and Parameters of this app. `secrets codegen` reads these declarations",
  "// to write the typed registry; `secrets define` adds to them. Edit freely.",
].join("\n");

/** An identifier that is also a valid key: no `$` (AWS names reject it), no `.` or `-` (identifiers reject them). */
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Declares a variable in the definitions file, for `secrets define`: appends
 * `export const <key> = new Secret("<key>")` (or `new Parameter("<key>"[, { encrypted: true }])`),
 * creating the file and adding `Secret`/`Parameter` to its `@senvar/secrets`
 * import as needed. Idempotent: a file that already declares the key the same
 * way is left byte for byte as it was.
 *
 * @throws ValidationError when the key is not a valid identifier, when the file declares the key as the other kind
 * (or with another `encrypted`), or when the name is already taken by something else in the file.
 * @example
 * ```ts
 * await addDeclaration({ key: "dbPassword", kind: "secret" });                        // { changed: true, … }
 * await addDeclaration({ key: "dbPassword", kind: "secret" });                        // { changed: false, … }
 * await addDeclaration({ key: "webhookUrl", kind: "parameter", encrypted: true });
 * ```
 */
export async function addDeclaration(options: AddDeclarationOptions): Promise<AddDeclarationResult> {
  const { key, kind } = options;
  assertDefinableKey(key);
  if (kind === "secret" && options.encrypted === false) {
    throw new ValidationError(`A Secret is always encrypted, so "${key}" cannot be declared as a Secret with encrypted: false`, {
      hint: `declare a plain Parameter instead: secrets define ${key}`,
    });
  }
  const root = resolve(options.root ?? process.cwd());
  const path = resolve(root, options.file ?? DEFAULT_DEFINITIONS_FILE);
  const file = relativePosix(root, path);
  const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });

  const morph = await import("ts-morph");
  if (existing !== undefined && isAlreadyDeclared(morph.ts, file, existing, options)) return { changed: false, created: false, file, key };

  const quote = existing === undefined ? '"' : preferredQuote(existing);
  const project = new morph.Project({
    useInMemoryFileSystem: true,
    skipFileDependencyResolution: true,
    manipulationSettings: {
      quoteKind: quote === "'" ? morph.QuoteKind.Single : morph.QuoteKind.Double,
      indentationText: morph.IndentationText.TwoSpaces,
    },
  });
  const source = project.createSourceFile("/definitions.ts", existing ?? `${HEADER}\nimport { ${className(kind)} } from "${PACKAGE_NAME}";\n`);
  assertNameFree(source, key, file);
  const constructor = importedConstructor(source, className(kind));
  const args = [quoteString(key, quote), ...(kind === "parameter" && options.encrypted === true ? ["{ encrypted: true }"] : [])];
  source.addVariableStatement({
    declarationKind: morph.VariableDeclarationKind.Const,
    isExported: true,
    declarations: [{ name: key, initializer: `new ${constructor}(${args.join(", ")})` }],
  });

  let text = source.getFullText();
  if (!text.endsWith("\n")) text += "\n";
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return { changed: true, created: existing === undefined, file, key };
}

/**
 * Checks a key for `secrets define`: it becomes an exported const, so it must be
 * an identifier, and a variable key, so only A-Z a-z 0-9 _ (no `$`, `.` or `-`).
 * @throws ValidationError naming the rule.
 * @example
 * ```ts
 * assertDefinableKey("dbPassword"); // ok
 * assertDefinableKey("db-password"); // throws
 * ```
 */
export function assertDefinableKey(key: string): void {
  if (KEY.test(key) && !RESERVED_WORDS.has(key)) return;
  const why = RESERVED_WORDS.has(key)
    ? "it is a reserved word"
    : "it must be a JavaScript identifier made only of A-Z a-z 0-9 _ (not starting with a digit), because it becomes the name of an exported const and of the variable";
  throw new ValidationError(`"${key}" cannot be declared: ${why}`, { hint: "e.g. secrets define dbPassword --secret" });
}

function className(kind: VariableKind): "Secret" | "Parameter" {
  return kind === "secret" ? "Secret" : "Parameter";
}

/** Uses the scanner itself, so "already declared" means exactly what codegen will see. */
function isAlreadyDeclared(api: typeof import("ts-morph").ts, file: string, text: string, options: AddDeclarationOptions): boolean {
  const same = scanFileText(api, file, text).declarations.filter((d) => d.key === options.key && d.form !== "fromName");
  const first = same[0];
  if (!first) return false;
  const at = `${file}:${first.line}`;
  if (first.kind !== options.kind) {
    throw new ValidationError(`"${options.key}" is already declared as a ${className(first.kind)} at ${at}, not a ${className(options.kind)}`, {
      hint: `change or remove the declaration at ${at}, or choose another key`,
    });
  }
  const encrypted = first.kind === "secret" || first.options.encrypted === true;
  if (options.encrypted !== undefined && options.encrypted !== encrypted) {
    throw new ValidationError(`"${options.key}" is already declared at ${at} ${encrypted ? "with" : "without"} encryption`, {
      hint: `edit the declaration at ${at} to change it`,
    });
  }
  return true;
}

/** Follows the file's own style for the key's string literal, judged by its first import. */
function preferredQuote(text: string): '"' | "'" {
  const match = /^\s*import\b[^;'"]*(['"])/m.exec(text);
  return match?.[1] === "'" ? "'" : '"';
}

function quoteString(value: string, quote: '"' | "'"): string {
  const json = JSON.stringify(value);
  return quote === '"' ? json : `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function assertNameFree(source: SourceFile, key: string, file: string): void {
  const taken =
    source.getVariableDeclaration(key) ??
    source.getFunction(key) ??
    source.getClass(key) ??
    source.getEnum(key) ??
    source.getImportDeclarations().find((d) => importedLocals(d).includes(key));
  if (taken) {
    throw new ValidationError(`"${key}" cannot be declared in ${file}: line ${taken.getStartLineNumber()} already uses that name for something else`, {
      hint: "choose another key, or rename the existing binding",
    });
  }
}

function importedLocals(declaration: ImportDeclaration): string[] {
  const locals = declaration.getNamedImports().map((n) => (n.getAliasNode() ?? n.getNameNode()).getText());
  const defaultImport = declaration.getDefaultImport()?.getText();
  const namespace = declaration.getNamespaceImport()?.getText();
  return [...locals, ...(defaultImport ? [defaultImport] : []), ...(namespace ? [namespace] : [])];
}

/**
 * The expression that names the package's class in this file (`Secret`, an
 * alias, or `senvar.Secret`), adding it to the import when the file lacks it.
 */
function importedConstructor(source: SourceFile, name: "Secret" | "Parameter"): string {
  const imports = source.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === PACKAGE_NAME);
  for (const declaration of imports.filter((d) => !d.isTypeOnly())) {
    const namespace = declaration.getNamespaceImport();
    if (namespace) return `${namespace.getText()}.${name}`;
    const element = declaration.getNamedImports().find((n) => n.getName() === name);
    if (element) {
      if (element.isTypeOnly()) element.setIsTypeOnly(false);
      return (element.getAliasNode() ?? element.getNameNode()).getText();
    }
  }
  // `import type { Secret }` cannot construct; make that one name a value import, keeping the others types.
  for (const declaration of imports.filter((d) => d.isTypeOnly())) {
    const element = declaration.getNamedImports().find((n) => n.getName() === name);
    if (!element) continue;
    declaration.setIsTypeOnly(false);
    for (const other of declaration.getNamedImports()) if (other !== element) other.setIsTypeOnly(true);
    return (element.getAliasNode() ?? element.getNameNode()).getText();
  }
  const local = isTopLevelName(source, name) ? `Senvar${name}` : name;
  const named = { name, ...(local === name ? {} : { alias: local }) };
  const target = imports.find((d) => !d.isTypeOnly() && d.getNamespaceImport() === undefined);
  if (target) {
    const position = target.getNamedImports().filter((n) => n.getName() < name).length;
    target.insertNamedImport(position, named);
  } else {
    source.insertImportDeclaration(source.getImportDeclarations().length === 0 ? 0 : lastImportIndex(source) + 1, {
      moduleSpecifier: PACKAGE_NAME,
      namedImports: [named],
    });
  }
  return local;
}

function isTopLevelName(source: SourceFile, name: string): boolean {
  return Boolean(source.getVariableDeclaration(name) ?? source.getFunction(name) ?? source.getClass(name) ?? source.getImportDeclarations().find((d) => importedLocals(d).includes(name)));
}

function lastImportIndex(source: SourceFile): number {
  const imports = source.getImportDeclarations();
  return imports[imports.length - 1]!.getChildIndex();
}
