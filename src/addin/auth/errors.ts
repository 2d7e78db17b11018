/** The user has to sign in (or consent) before the add-in can call the service. */
export class NotSignedInError extends Error {
  constructor(
    message: string,
    /** True when an interactive sign-in (a click on "Sign in") may fix it. */
    readonly interactionRequired = true,
  ) {
    super(message);
    this.name = 'NotSignedInError';
  }
}
