// A setting that must never be printed (client secrets, passwords, webhook secrets, a DATABASE_URL with a
// password). It serializes as "[redacted]" in JSON, template strings and util.inspect, so a logged Config object
// cannot leak it; code that needs the value calls reveal().
import { inspect } from 'node:util';

export const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself; pass it straight to the client that needs it, never to a log. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `Secret(${REDACTED})`;
  }
}
