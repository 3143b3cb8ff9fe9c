// The rotation of the Secret "dbPassword", which `secrets rotate --auto` calls.
// Created once by `secrets codegen`, which never overwrites it: this file is yours to edit.

/**
 * Computes the next value of the secret from the current one.
 * @param old The current value, or undefined when the secret has none yet.
 * @returns The new value; `secrets rotate --auto` writes it, and the old one stays readable as AWSPREVIOUS.
 */
export default async function rotate(old: string | undefined): Promise<string> {
  void old; // keeps noUnusedParameters quiet until you use it
  throw new Error("not implemented: write the rotation for dbPassword");
}
