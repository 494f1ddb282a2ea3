import type { DeferralMessage } from "../../../../shared/deferrals";
import { formatDateTime } from "../../../lib/format";

/**
 * The messages on a request, oldest first, each with who wrote it and when. Learners see administrators as
 * "QI Academy"; administrators see names.
 */
export function DeferralMessages({
  messages,
  learnerLabel,
}: {
  messages: DeferralMessage[];
  /** How the learner's own messages are headed: "You" for the learner, their name for administrators. */
  learnerLabel: (message: DeferralMessage) => string;
}) {
  if (messages.length === 0) return <p>There are no messages yet.</p>;
  return (
    <ul className="nhsuk-list app-deferral-messages">
      {messages.map((message) => (
        <li key={message.id} className="app-deferral-message">
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
            <strong>
              {message.from === "learner" ? learnerLabel(message) : (message.authorName ?? "QI Academy")}
            </strong>{" "}
            <span className="nhsuk-u-secondary-text-colour">{formatDateTime(message.createdAt)}</span>
          </p>
          <p className="app-pre-wrap">{message.body}</p>
        </li>
      ))}
    </ul>
  );
}
