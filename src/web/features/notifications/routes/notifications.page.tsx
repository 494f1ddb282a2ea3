import { Link } from "react-router";
import { NOTIFICATION_KIND_LABELS, type Notification } from "../../../../shared/notifications";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useMarkAllRead, useMarkRead, useNotifications } from "../api/notifications";
import { NOTIFICATION_SETTINGS_PATH } from "../components/notification-paths";
import "../components/notifications.css";

const TITLE = "Notifications";

/** One notification: unread ones say "New" in a tag and in bold, never by colour alone; opening one marks it read. */
function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen: () => void }) {
  const unread = !notification.read;
  return (
    <li className={`app-notification-list__item${unread ? " app-notification-list__item--unread" : ""}`}>
      <p className="nhsuk-u-margin-bottom-1">
        {unread ? <strong className="nhsuk-tag nhsuk-tag--blue nhsuk-u-margin-right-2">New</strong> : null}
        <Link to={notification.link} onClick={unread ? onOpen : undefined}>
          {unread ? <strong>{notification.summary}</strong> : notification.summary}
        </Link>
      </p>
      <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">
        {NOTIFICATION_KIND_LABELS[notification.kind]}, {formatDateTime(notification.createdAt)}
        {unread ? <span className="nhsuk-u-visually-hidden">, not read yet</span> : null}
      </p>
    </li>
  );
}

/** /notifications: my notifications, newest first, with "Mark all as read" and older pages on request. */
export function NotificationsPage() {
  const query = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  usePageTitle(TITLE);

  if (query.isPending) return <LoadingPage title={TITLE} />;
  if (query.isError) return <ProblemPage title={TITLE} message={query.error.message} />;

  const pages = query.data.pages;
  const notifications = pages.flatMap((page) => page.notifications);
  const unread = pages[0]?.unread ?? 0;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <RequestErrorSummary error={markAllRead.error ?? markRead.error} />
        <h1>{TITLE}</h1>
        <p>
          {unread === 0
            ? "You have no unread notifications."
            : `You have ${unread} unread notification${unread === 1 ? "" : "s"}.`}{" "}
          We tell you about replies to your comments, mentions of you, highlights of your comments and
          facilitators' announcements.
        </p>
        <p>
          <Link to={NOTIFICATION_SETTINGS_PATH}>Choose which notifications we also email you each day</Link>
        </p>
        {unread > 0 ? (
          <Button
            variant="secondary"
            type="button"
            busy={markAllRead.isPending}
            onClick={() => {
              if (!markAllRead.isPending) markAllRead.mutate();
            }}
          >
            Mark all as read
          </Button>
        ) : null}
        {notifications.length === 0 ? (
          <p>
            You have no notifications yet. When someone replies to you or a facilitator sends an announcement,
            it will appear here.
          </p>
        ) : (
          <ul className="app-notification-list">
            {notifications.map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                onOpen={() => markRead.mutate(notification.id)}
              />
            ))}
          </ul>
        )}
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            type="button"
            busy={query.isFetchingNextPage}
            onClick={() => {
              if (!query.isFetchingNextPage) void query.fetchNextPage();
            }}
          >
            Show older notifications
          </Button>
        ) : null}
      </div>
    </div>
  );
}
