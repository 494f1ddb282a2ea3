import { ORGANISATION_TYPE_LABELS, type OrganisationType } from "../../../../shared/organisations";

/** The kind of organisation in words. */
export function typeLabel(type: OrganisationType): string {
  return ORGANISATION_TYPE_LABELS[type];
}

/** "3 people", "1 person". */
export function peopleWords(n: number): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? "person" : "people"}`;
}

/** "2 organisations below", "None". */
export function childrenWords(n: number): string {
  return n === 0 ? "None" : `${n.toLocaleString("en-GB")} below`;
}
