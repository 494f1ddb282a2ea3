/**
 * The word lists seed:large draws people's and organisations' names from, and how to write one as a SQL array literal
 * so the rows can be generated inside the database.
 */

/** Given names for seeded learners. */
// biome-ignore format: a table of names reads better packed
export const GIVEN_NAMES = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophia", "Lily", "Freya", "Emily",
  "Priya", "Aisha", "Fatima", "Zara", "Chloe", "Hannah", "Sarah", "Rebecca", "Joanne", "Claire",
  "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Thomas", "James",
  "Mohammed", "Omar", "Rohan", "Kwame", "Daniel", "David", "Michael", "Adam", "Samuel", "Joseph",
];

/** Family names for seeded learners. */
// biome-ignore format: a table of names reads better packed
export const FAMILY_NAMES = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
  "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson",
  "Clarke", "Khan", "Ahmed", "Hussain", "Begum", "Okafor", "Mensah", "Nowak", "Kowalski", "Murphy",
  "Kelly", "Singh", "Kaur", "Shah", "Ali", "Lewis", "Hughes", "Edwards", "Turner", "Morgan",
];

/** Job roles for seeded learners. */
export const JOB_ROLES = [
  "Staff nurse",
  "Ward manager",
  "Healthcare assistant",
  "Physiotherapist",
  "Occupational therapist",
  "District nurse",
  "Junior doctor",
  "Consultant",
  "Pharmacist",
  "Service improvement lead",
  "Administrator",
  "Matron",
];

/** Places the seeded integrated care boards are named after (one each). */
export const ICB_AREAS = [
  "Northmoor and Dales",
  "Riverside and Vale",
  "Coast and Downs",
  "Midshire",
  "Fenland and Wolds",
  "Forest and Marches",
];

/** Places the seeded trusts are named after (one each; the first is the 10,000-learner trust). */
// biome-ignore format: a table of names reads better packed
export const TRUST_PLACES = [
  "Ashbourne", "Brackley", "Calderbrook", "Dunmore", "Eastwick", "Fernhill", "Glenfield", "Harrowgate",
  "Ivybridge", "Kingsmere", "Longford", "Marshfield", "Northbrook", "Oakham", "Pendleford", "Queensbury",
  "Ravensworth", "Stourton", "Thornbury", "Upton", "Westmoor", "Yarford", "Ambleside", "Bramhall",
];

/** How each trust's name ends, by its index modulo 4. */
export const TRUST_KINDS = [
  "Teaching Hospitals NHS Foundation Trust",
  "Community Health Services NHS Trust",
  "Hospitals NHS Trust",
  "Mental Health and Wellbeing NHS Foundation Trust",
];

/** Each trust's three directorates. */
export const DIRECTORATES = ["Medicine", "Surgery and Critical Care", "Community and Therapies"];

/** Wards and teams, three per directorate, in directorate order. */
export const TEAMS = [
  "Acute Medical Unit",
  "Ward 9 Respiratory",
  "Ward 11 Care of Older People",
  "Main Theatres",
  "Ward 4 General Surgery",
  "Critical Care Unit",
  "District Nursing North",
  "Community Therapy Team",
  "Rapid Response Team",
];

/** Why seeded learners asked to defer a course. */
export const DEFERRAL_REASONS = [
  "I have been redeployed to cover winter pressures and cannot take part in the project work until spring.",
  "I am on long-term sickness absence and do not know yet when I will be back.",
  "I am starting maternity leave next month.",
  "My ward is being reorganised, so I cannot start an improvement project until the new team is in place.",
];

/** A SQL `text[]` literal holding `values` (quotes doubled, so any text is safe). */
export function sqlTextArray(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]::text[]`;
}
