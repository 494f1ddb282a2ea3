import { Fragment } from "react";

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Plain email text with its web addresses turned into links, so testers can follow emailed links. */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, index) => {
        // split() with a capturing group puts the matched addresses at odd indexes.
        const key = `${index}:${part.slice(0, 20)}`;
        if (index % 2 === 0) return <Fragment key={key}>{part}</Fragment>;
        const trailing = part.match(TRAILING_PUNCTUATION)?.[0] ?? "";
        const href = trailing ? part.slice(0, -trailing.length) : part;
        return (
          <Fragment key={key}>
            <a href={href}>{href}</a>
            {trailing}
          </Fragment>
        );
      })}
    </>
  );
}
