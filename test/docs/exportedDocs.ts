// Reads the TSDoc of every symbol a module exports, with the TypeScript
// compiler API: one program over the entry and what it imports, no type-check.
import ts from "typescript";

export interface ExportedDoc {
  name: string;
  /** What kind of declaration it is: class, function, interface, type, variable… */
  kind: string;
  /** Where it is declared, relative to `root`, with its line. */
  at: string;
  hasComment: boolean;
  hasExample: boolean;
}

function kindOf(node: ts.Declaration): string {
  if (ts.isClassDeclaration(node)) return "class";
  if (ts.isFunctionDeclaration(node)) return "function";
  if (ts.isInterfaceDeclaration(node)) return "interface";
  if (ts.isTypeAliasDeclaration(node)) return "type";
  if (ts.isVariableDeclaration(node)) return "variable";
  if (ts.isEnumDeclaration(node)) return "enum";
  return ts.SyntaxKind[node.kind];
}

/** The JSDoc blocks attached to a declaration (a variable's sit on its statement). */
function jsDocsOf(node: ts.Node): ts.JSDoc[] {
  const host = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.getJSDocCommentsAndTags(host).filter((d): d is ts.JSDoc => ts.isJSDoc(d));
}

function docInfo(node: ts.Node): { hasComment: boolean; hasExample: boolean } {
  const docs = jsDocsOf(node);
  const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").join("").trim();
  return { hasComment: text.length > 0, hasExample: docs.flatMap((d) => d.tags ?? []).some((tag) => tag.tagName.text === "example") };
}

const programs = new Map<string, ts.Program>();

/** The exports of `entry`, each followed through re-exports to its declaration. One program per entry, reused. */
function exportsOf(entry: string): { name: string; declaration: ts.Declaration | undefined }[] {
  let program = programs.get(entry);
  if (!program) {
    program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, types: [] });
    programs.set(entry, program);
  }
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return { name: exported.name, declaration: symbol.declarations?.[0] };
  });
}

/** Every export of `entry` and its TSDoc; `at` is relative to `root`. */
export function exportedDocs(entry: string, root: string): ExportedDoc[] {
  return exportsOf(entry).map(({ name, declaration }) => {
    if (!declaration) return { name, kind: "unknown", at: "?", hasComment: false, hasExample: false };
    const file = declaration.getSourceFile();
    const line = file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
    return { name, kind: kindOf(declaration), at: `${file.fileName.slice(root.length + 1)}:${line}`, ...docInfo(declaration) };
  });
}

/** The public (non-private, non-protected, not #private) methods of the named exported classes, as `Class.method`. */
export function publicMethodDocs(entry: string, classNames: string[]): { name: string; hasComment: boolean; hasExample: boolean }[] {
  const methods: { name: string; hasComment: boolean; hasExample: boolean }[] = [];
  for (const { name, declaration } of exportsOf(entry)) {
    if (!classNames.includes(name) || !declaration || !ts.isClassDeclaration(declaration)) continue;
    const overloaded = new Set(
      declaration.members.filter((m) => ts.isMethodDeclaration(m) && !m.body && ts.isIdentifier(m.name)).map((m) => (m.name as ts.Identifier).text),
    );
    for (const member of declaration.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      if (ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      // An overloaded method is documented on its signatures; its implementation is not what editors show.
      if (member.body && overloaded.has(member.name.text)) continue;
      methods.push({ name: `${name}.${member.name.text}`, ...docInfo(member) });
    }
  }
  return methods;
}
