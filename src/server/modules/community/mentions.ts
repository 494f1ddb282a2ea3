/** Someone a comment may mention: one of the run's facilitators. */
export interface Mentionable {
  id: string;
  name: string;
}

/** How the composer writes a mention, and the server looks for one: "@Given Family". */
export function mentionText(name: string): string {
  return `@${name}`;
}

/**
 * The facilitators a body mentions, each once: "@Given Family" (any letter case) not followed by another letter or
 * digit, so "@Femi Adeyemi" mentions Femi Adeyemi but "@Femi Adeyemis" does not.
 */
export function findMentions(body: string, facilitators: readonly Mentionable[]): string[] {
  const lower = body.toLocaleLowerCase("en-GB");
  const found = new Set<string>();
  for (const person of facilitators) {
    const needle = mentionText(person.name).toLocaleLowerCase("en-GB");
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      const next = lower.slice(at + needle.length, at + needle.length + 1);
      if (!/[\p{L}\p{N}]/u.test(next)) {
        found.add(person.id);
        break;
      }
      from = at + 1;
    }
  }
  return [...found];
}
