/** Exit codes and the expected-failure error every command throws (kept apart so files.ts can use them too). */
export const EXIT = { ok: 0, input: 2, output: 3, internal: 70, interrupted: 130 } as const;

/** An expected failure: a message for people and an exit code, never a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}
