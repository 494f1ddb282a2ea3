import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "../../../shared/notifications.js";
import type { MailMessage } from "../../platform/mailer.js";

/** One line of a digest: what happened and where to see it (an absolute address). */
export interface DigestLine {
  kind: NotificationKind;
  summary: string;
  url: string;
}

/** Everything a daily digest says. */
export interface DigestMailContext {
  to: string;
  givenName: string;
  lines: DigestLine[];
  /** One-click unsubscribe pages: one per kind the person receives, then one for every kind (kind null). */
  unsubscribe: Array<{ kind: NotificationKind | null; url: string }>;
  notificationsUrl: string;
  settingsUrl: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const unsubscribeLabel = (kind: NotificationKind | null) =>
  kind === null
    ? "Unsubscribe from all digest emails"
    : `Stop emails about ${NOTIFICATION_KIND_LABELS[kind].toLowerCase()}`;

/**
 * The daily digest: the person's notifications grouped by kind, each with its link, then the one-click unsubscribe
 * links. Plain text and escaped HTML say the same things; summaries are plain text written by the platform.
 */
export function digestMessage(ctx: DigestMailContext): MailMessage {
  const count = ctx.lines.length;
  const subject = `QI Academy: ${count} new notification${count === 1 ? "" : "s"}`;
  const kinds = [...new Set(ctx.lines.map((l) => l.kind))];
  const groups = kinds.map((kind) => ({
    heading: NOTIFICATION_KIND_LABELS[kind],
    lines: ctx.lines.filter((l) => l.kind === kind),
  }));
  const intro = `Here is what happened on QI Academy since your last digest: ${count} new notification${count === 1 ? "" : "s"}.`;

  const text = [
    `Dear ${ctx.givenName},`,
    intro,
    ...groups.map((g) => [g.heading, ...g.lines.map((l) => `- ${l.summary}\n  ${l.url}`)].join("\n")),
    `See all your notifications: ${ctx.notificationsUrl}`,
    [
      "You get this email because you chose these notifications in your settings.",
      `Change your settings: ${ctx.settingsUrl}`,
      ...ctx.unsubscribe.map((u) => `${unsubscribeLabel(u.kind)}: ${u.url}`),
    ].join("\n"),
    "QI Academy",
  ].join("\n\n");

  const html = [
    `<p>Dear ${escapeHtml(ctx.givenName)},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...groups.map(
      (g) =>
        `<h2>${escapeHtml(g.heading)}</h2>\n<ul>\n${g.lines
          .map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.summary)}</a></li>`)
          .join("\n")}\n</ul>`,
    ),
    `<p><a href="${escapeHtml(ctx.notificationsUrl)}">See all your notifications</a></p>`,
    `<p>You get this email because you chose these notifications in your settings. <a href="${escapeHtml(ctx.settingsUrl)}">Change your settings</a>.</p>`,
    `<ul>\n${ctx.unsubscribe
      .map((u) => `<li><a href="${escapeHtml(u.url)}">${escapeHtml(unsubscribeLabel(u.kind))}</a></li>`)
      .join("\n")}\n</ul>`,
    "<p>QI Academy</p>",
  ].join("\n");

  return { to: ctx.to, subject, text, html };
}
