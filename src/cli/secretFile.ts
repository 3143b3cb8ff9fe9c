import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { CliError } from "./errors.js";

/**
 * Owner read/write only.
 * @example
 * ```ts
 * (statSync(path).mode & 0o777) === SECRET_FILE_MODE;
 * ```
 */
export const SECRET_FILE_MODE = 0o600;

/**
 * Writes `contents` to a file that is created with mode 0600 (`O_CREAT |
 * O_EXCL`, the mode given to open itself, so there is no moment when it is
 * readable by others, as there would be with a chmod afterwards).
 *
 * An existing file is refused unless `force`: overwriting it in place would
 * keep its old, perhaps wider, mode. With `force` the contents go to a new
 * 0600 file next to it, which is then renamed over it.
 *
 * @throws CliError when the file exists without `force`.
 * @example
 * ```ts
 * await writeSecretFile(".env.prod", formatDotenv(entries), { force: false });
 * ```
 */
export async function writeSecretFile(path: string, contents: string, options: { force?: boolean } = {}): Promise<void> {
  try {
    await createWith(path, contents);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    if (!options.force) throw new CliError(`${path} already exists; nothing was written`, "pass --force to replace it (with a new file of mode 0600), or choose another --out");
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await createWith(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function createWith(path: string, contents: string): Promise<void> {
  const handle = await open(path, "wx", SECRET_FILE_MODE);
  try {
    await handle.writeFile(contents, "utf8");
  } finally {
    await handle.close();
  }
}
