import type { Run } from "../../../../shared/runs";
import { facilitatorsWords, runDateLines } from "./run-words";
import "./runs.css";

/** A run's dates and facilitators as a short list, for the course page and the outline. */
export function RunSummary({ run }: { run: Run }) {
  const who = facilitatorsWords(run);
  return (
    <>
      <ul className="nhsuk-list app-run-card__dates">
        {runDateLines(run).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {who ? <p className="nhsuk-body-s">{who}</p> : null}
    </>
  );
}

/** The message of a failed join, announced where the button was. */
export function JoinError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="nhsuk-error-message" role="alert">
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {message}
    </p>
  );
}
