import type { Announcement } from "../../../../shared/notifications";
import { formatDateTime } from "../../../lib/format";

/**
 * A run's announcements, newest first. Each has the id "announcement-<id>" so a notification's link lands on it;
 * bodies are HTML the server rendered from Markdown with raw HTML escaped and unsafe links dropped.
 */
export function AnnouncementList({
  announcements,
  headingLevel = 2,
}: {
  announcements: Announcement[];
  /** 3 where the list sits under its own h2. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (announcements.length === 0) return <p>There are no announcements for this course run yet.</p>;
  return (
    <ol className="nhsuk-list">
      {announcements.map((a) => (
        <li key={a.id} id={`announcement-${a.id}`} className="app-announcement" tabIndex={-1}>
          <Heading className="nhsuk-heading-m nhsuk-u-margin-bottom-1">{a.subject}</Heading>
          <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
            From {a.authorName}, {formatDateTime(a.createdAt)}
          </p>
          <div
            className="nhsuk-u-reading-width"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders this from Markdown with raw HTML escaped (renderMarkdown)
            dangerouslySetInnerHTML={{ __html: a.bodyHtml }}
          />
        </li>
      ))}
    </ol>
  );
}
