import type { ProjectMemberRole } from "../../../shared/projects.js";
import { composeMail, type MailMessage } from "../../platform/mailer.js";

/**
 * Sent to an address a project lead invites. It reads the same whether or not the address has an account, and says
 * how to create one, so the invitation reveals nothing about who uses QI Academy.
 */
export function projectInvitationMessage(
  to: string,
  details: {
    inviterName: string;
    projectTitle: string;
    role: ProjectMemberRole;
    responsibility: string;
    days: number;
    url: string;
  },
): MailMessage {
  const role = details.role === "lead" ? "a project lead" : "a team member";
  return composeMail(
    to,
    `Join the improvement project "${details.projectTitle}" on QI Academy`,
    [
      "Hello,",
      `${details.inviterName} has invited you to join the improvement project "${details.projectTitle}" as ${role}${details.responsibility ? ` (${details.responsibility})` : ""}.`,
      `Sign in to QI Academy with this email address (${to}) to accept or decline. If you do not have an account yet, create one with this address first. The invitation expires in ${details.days} days.`,
      "If you were not expecting this, you can ignore this email.",
    ],
    { url: details.url, label: "View the invitation" },
  );
}
