// One error type for everything the user can fix: bad input, missing files, invalid specs.
// The CLI prints its message as one line and exits with code 2; anything else is a bug and gets a stack.

export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Throw a UserError unless `cond` holds. */
export function ensure(cond: unknown, message: string): asserts cond {
  if (!cond) throw new UserError(message);
}

/**
 * A run stopped on request (SIGINT or SIGTERM). The CLI prints its message as one line and exits with
 * `exitCode` (130 for SIGINT, 143 for SIGTERM: 128 + the signal number, as shells report them).
 */
export class StoppedError extends Error {
  constructor(
    message: string,
    readonly exitCode = 130,
  ) {
    super(message);
    this.name = 'StoppedError';
  }
}
