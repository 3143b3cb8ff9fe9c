import { readFile } from "node:fs/promises";

/**
 * The compiled templates render works with. Each takes a plain context and returns text.
 * @example
 * ```ts
 * const templates = await loadTemplates();
 * const stub = templates.rotation({ key: "dbPassword", message: "not implemented: write the rotation for dbPassword" });
 * ```
 */
export interface Templates {
  registry(context: object): string;
  rotation(context: object): string;
  /** `secrets pulumi:generate`: infra/secrets/variables.ts. */
  pulumiVariables(context: object): string;
  /** `secrets pulumi:generate`: infra/secrets/resources.ts. */
  pulumiResources(context: object): string;
}

/**
 * The folder of the `.hbs` files, shipped at the package root: two levels up
 * from both `src/codegen/` (tests) and `dist/codegen/` (the published build).
 */
export const TEMPLATES_DIRECTORY = new URL("../../templates/", import.meta.url);

let loaded: Promise<Templates> | undefined;

/**
 * Loads and compiles `templates/*.hbs` once per process, importing handlebars
 * only now: nothing else in the package needs it.
 * @example
 * ```ts
 * const files = renderCodegen(model, layout, await loadTemplates());
 * ```
 */
export function loadTemplates(): Promise<Templates> {
  loaded ??= compileTemplates().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function compileTemplates(): Promise<Templates> {
  const { default: Handlebars } = await import("handlebars");
  // An isolated instance, so our helper never leaks into a host app's handlebars.
  const handlebars = Handlebars.create();
  handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
  // noEscape: the output is TypeScript, not HTML; every string literal goes through the json helper instead.
  const compile = async (name: string) => {
    const source = await readFile(new URL(name, TEMPLATES_DIRECTORY), "utf8");
    return handlebars.compile(source, { noEscape: true, strict: true });
  };
  const [registry, rotation, pulumiVariables, pulumiResources] = await Promise.all([
    compile("registry.ts.hbs"),
    compile("rotation.ts.hbs"),
    compile("pulumi-variables.ts.hbs"),
    compile("pulumi-resources.ts.hbs"),
  ]);
  return {
    registry: (context) => registry(context),
    rotation: (context) => rotation(context),
    pulumiVariables: (context) => pulumiVariables(context),
    pulumiResources: (context) => pulumiResources(context),
  };
}
