/** Router state carrying a one-off success message to show at the top of the next page. */
export interface FlashState {
  flash: { title?: string; heading: string; body?: string };
}

/** Builds navigate() state for a success notification banner on the next page. */
export function flash(heading: string, body?: string): FlashState {
  return body === undefined ? { flash: { heading } } : { flash: { heading, body } };
}

/** Reads a flash message from location.state, whatever shape the state has. */
export function readFlash(state: unknown): FlashState["flash"] | null {
  if (typeof state !== "object" || state === null || !("flash" in state)) return null;
  const value: unknown = state.flash;
  if (typeof value !== "object" || value === null || !("heading" in value)) return null;
  const heading: unknown = value.heading;
  if (typeof heading !== "string") return null;
  const body: unknown = "body" in value ? value.body : undefined;
  return typeof body === "string" ? { heading, body } : { heading };
}
