import { Link } from "react-router";
import { useUnreadCount } from "../api/notifications";
import "./notifications.css";

/**
 * The header's "Notifications" link for signed-in people, with the unread count beside it when there are any. The
 * count's accessible text says "3 unread", not a bare number; it refreshes every minute and whenever one is read.
 */
export function NotificationsLink() {
  const { data } = useUnreadCount(true);
  const unread = data?.unread ?? 0;
  return (
    <Link className="nhsuk-header__account-link" to="/notifications">
      Notifications
      {unread > 0 ? (
        <span className="app-unread-count">
          {unread > 99 ? "99+" : unread}
          <span className="nhsuk-u-visually-hidden"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}
