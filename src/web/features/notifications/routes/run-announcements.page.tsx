import { useEffect } from "react";
import { Link, useLocation, useParams } from "react-router";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useAnnouncements } from "../api/announcements";
import { AnnouncementList } from "../components/announcement-list";
import "../components/notifications.css";

/** /runs/:runId/announcements: a run's announcements for its members (and facilitators), newest first. */
export function RunAnnouncementsPage() {
  const { runId = "" } = useParams();
  const { hash } = useLocation();
  const query = useAnnouncements(runId);
  const title = query.data ? `Announcements: ${query.data.runTitle}` : "Announcements";
  usePageTitle(title);

  // A notification links to one announcement (#announcement-<id>): bring it into view and focus once it has loaded.
  const loaded = query.isSuccess;
  useEffect(() => {
    if (!loaded || !hash.startsWith("#announcement-")) return;
    const target = document.getElementById(hash.slice(1));
    target?.focus();
    target?.scrollIntoView();
  }, [loaded, hash]);

  if (query.isPending) return <LoadingPage title="Announcements" />;
  if (query.isError)
    return <ProblemPage title="You cannot see these announcements" message={query.error.message} />;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <span className="nhsuk-caption-l">{query.data.runTitle}</span>
        <h1>Announcements</h1>
        <p>Messages from the facilitators of this course run.</p>
        {query.data.canAnnounce ? (
          <p>
            <Link to={`/facilitate/runs/${runId}/announcements`}>Send an announcement</Link>
          </p>
        ) : null}
        <AnnouncementList announcements={query.data.announcements} />
        <p>
          <Link to={`/runs/${runId}/board`}>Go to the run's discussion board</Link>
        </p>
      </div>
    </div>
  );
}
