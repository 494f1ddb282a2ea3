import type { Me } from "../../../../shared/accounts";
import { organisationLabel } from "../../../components/organisation-picker";

/** How a person's organisation reads on their account: listed name with ODS code, typed name, or "Not given". */
export function describeOrganisation(me: Pick<Me, "organisation" | "organisationName">): string {
  if (me.organisation) return organisationLabel(me.organisation);
  if (me.organisationName) return `${me.organisationName} (not in our list)`;
  return "Not given";
}

/** ESR numbers shown as people see them on payslips: 3 digits, space, 8 digits. */
export function formatEsr(esr: string | null): string {
  if (!esr) return "Not given";
  return /^\d{11}$/.test(esr) ? `${esr.slice(0, 3)} ${esr.slice(3)}` : esr;
}
