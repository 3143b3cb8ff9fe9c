// A lockfile for an app that depends only on the packed tarball, pinning every
// dependency to the exact version (and integrity) in this repository's lockfile.
//
// Why: `npm ci` on a clean machine caches the tarballs of the locked versions,
// but a plain `npm install --offline <tgz>` must resolve semver ranges, which
// needs registry metadata that the cache may lack (ENOTCACHED), or that lists
// newer versions whose tarballs were never cached. With every version pinned
// and a `resolved` URL, npm finds each tarball in the cache by its integrity,
// and the install works offline with nothing but what `npm ci` left there.
import { readFileSync } from "node:fs";

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
  [field: string]: unknown;
}

interface Lockfile {
  name?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** The package name of a lockfile path such as `node_modules/@aws-sdk/core/node_modules/tslib`. */
function nameAt(path: string): string {
  return path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
}

/**
 * @param repoLockPath the repository's package-lock.json
 * @param tarball the packed file name, in the app's own folder
 * @param registry where the locked packages came from (only used to spell `resolved`)
 * @returns the app's package.json and package-lock.json
 */
export function pinnedApp(repoLockPath: string, tarball: string, registry: string): { packageJson: object; lockfile: Lockfile } {
  const repoLock = JSON.parse(readFileSync(repoLockPath, "utf8")) as Lockfile;
  const self = repoLock.packages[""]!;
  const dependencies = { "@senvar/secrets": `file:${tarball}` };
  const packages: Record<string, LockEntry> = {
    "": { name: "senvar-pack-test-app", dependencies },
    "node_modules/@senvar/secrets": {
      version: self.version,
      resolved: `file:${tarball}`,
      dependencies: self.dependencies,
      bin: self.bin,
      engines: self.engines,
      peerDependencies: self.peerDependencies,
      peerDependenciesMeta: self.peerDependenciesMeta,
    },
  };
  // Runtime dependencies only: what a user's install gets. The optional Pulumi peers are dev-only here.
  for (const [path, entry] of Object.entries(repoLock.packages)) {
    if (path === "" || entry.dev === true || entry.link === true) continue;
    const name = entry.name ?? nameAt(path);
    const file = `${name.split("/").pop()}-${entry.version}.tgz`;
    packages[path] = { ...entry, resolved: entry.resolved ?? `${registry.replace(/\/?$/, "/")}${name}/-/${file}` };
  }
  return {
    packageJson: { name: "senvar-pack-test-app", private: true, type: "module", dependencies },
    lockfile: { name: "senvar-pack-test-app", lockfileVersion: 3, requires: true, packages },
  };
}
