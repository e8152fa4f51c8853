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
