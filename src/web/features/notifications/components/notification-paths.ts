/** Where the notifications pages live. */
export const NOTIFICATIONS_PATH = "/notifications";
/** The digest settings page. */
export const NOTIFICATION_SETTINGS_PATH = "/notifications/settings";
