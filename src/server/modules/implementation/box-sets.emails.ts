import { formatBoxSetPence } from "../../../shared/implementation-box-sets.js";
import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** Sent to the person who ordered box sets when an administrator dispatches them. */
export function boxSetsDispatchedMessage(
  to: string,
  details: {
    givenName: string;
    organisationName: string;
    programmeTitle: string;
    executiveCount: number;
    teamCount: number;
    totalPence: number;
    deliveryAddress: string;
    note: string;
    url: string;
  },
): MailMessage {
  const sets = [
    details.executiveCount > 0
      ? `${details.executiveCount} executive box set${details.executiveCount === 1 ? "" : "s"}`
      : null,
    details.teamCount > 0 ? `${details.teamCount} team box set${details.teamCount === 1 ? "" : "s"}` : null,
  ]
    .filter(Boolean)
    .join(" and ");
  return composeMail(
    to,
    `Your ${details.programmeTitle} box sets are on their way`,
    [
      `Hello ${details.givenName},`,
      `We have dispatched the ${sets} you ordered for ${details.organisationName} (${details.programmeTitle}).`,
      `They are going to:\n${details.deliveryAddress}`,
      details.totalPence > 0
        ? `The order's charge at cost price is ${formatBoxSetPence(details.totalPence)}, as agreed when it was placed.`
        : "These box sets were free.",
      ...(details.note ? [`Note from the dispatch team: ${details.note}`] : []),
    ],
    { url: details.url, label: "See your box set orders" },
  );
}
