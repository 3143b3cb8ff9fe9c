// Prints each command as a user would type it, runs it, and shows its output
// indented beneath it. Values meant to stay secret go in on stdin, so that
// they never appear in a printed command line.
import { spawn } from "node:child_process";

/** A command that did not exit as the demo expected. */
export class StepFailed extends Error {}

/**
 * @param {{ cli: string[], cwd: string, env: NodeJS.ProcessEnv, color: boolean }} options
 *   `cli` is how to start the CLI (runtime and bin), `cwd` the project it runs in.
 */
export function createRunner({ cli, cwd, env, color }) {
  const bold = (text) => (color ? `\u001b[1m${text}\u001b[22m` : text);
  const dim = (text) => (color ? `\u001b[2m${text}\u001b[22m` : text);
  const runner = {
    /** The command running now, so that Ctrl-C can stop it. */
    current: undefined,

    /** A heading for the next part of the walkthrough. */
    section(title) {
      process.stdout.write(`\n${bold(`== ${title}`)}\n`);
    },

    /** A line of explanation. */
    say(text) {
      process.stdout.write(`${dim(text)}\n`);
    },

    /** Shows a file (or part of one) that a command wrote; never one holding a value. */
    show(label, text) {
      process.stdout.write(`${dim(`--- ${label}`)}\n${text.replace(/\n?$/, "\n")}${dim("---")}\n`);
    },

    /**
     * Runs `secrets <args>`. `stdin` is piped in and never printed; `stdinNote`
     * says what it is. Resolves to the output; rejects when the exit code is
     * not `expectCode` ("any" accepts every exit code).
     */
    run(args, { stdin, stdinNote, expectCode = 0 } = {}) {
      const shown = `$ secrets ${args.join(" ")}`;
      process.stdout.write(`${bold(shown)}${stdin === undefined ? "" : dim(`   # ${stdinNote ?? "input on stdin, not shown"}`)}\n`);
      return new Promise((resolve, reject) => {
        const child = spawn(cli[0], [...cli.slice(1), ...args], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
        runner.current = child;
        let stdout = "";
        let stderr = "";
        const stdoutIndent = indenter(process.stdout);
        const stderrIndent = indenter(process.stderr);
        child.stdout.setEncoding("utf8").on("data", (chunk) => ((stdout += chunk), stdoutIndent.write(chunk)));
        child.stderr.setEncoding("utf8").on("data", (chunk) => ((stderr += chunk), stderrIndent.write(chunk)));
        child.on("error", (error) => reject(new StepFailed(`${shown}: could not start: ${error.message}`)));
        child.on("close", (code, signal) => {
          runner.current = undefined;
          stdoutIndent.end();
          stderrIndent.end();
          if (expectCode === "any" || code === expectCode) resolve({ code, stdout, stderr });
          else reject(new StepFailed(`${shown} exited with ${code ?? signal}, not ${expectCode}`));
        });
        child.stdin.on("error", () => {}); // a command that exits before reading stdin
        child.stdin.end(stdin ?? "");
      });
    },
  };
  return runner;
}

/** Writes text indented by two spaces, ending on a fresh line (a piped `get` prints no final newline). */
function indenter(stream) {
  let atLineStart = true;
  let wrote = false;
  return {
    write(chunk) {
      let text = "";
      for (const ch of chunk) {
        if (atLineStart) text += "  ";
        text += ch;
        atLineStart = ch === "\n";
      }
      wrote = true;
      stream.write(text);
    },
    end() {
      if (wrote && !atLineStart) stream.write("\n");
    },
  };
}
