import type { SnippetPart } from "../../../../shared/help";

/** A search result's excerpt, with the words that matched the search marked. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
      {parts.map((part, index) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder; the same word may repeat.
          <mark key={index}>{part.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
