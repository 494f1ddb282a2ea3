/** "6 months'", "1 month's": a number of months, possessive, as in "6 months' access". */
export function monthsWords(months: number): string {
  return months === 1 ? "1 month's" : `${months} months'`;
}

/** "6 months' access": how long an enrolment lasts, as the catalogue says it. */
export function accessWords(months: number): string {
  return `${monthsWords(months)} access`;
}

/** "12 CPD points", "1 CPD point". */
export function cpdWords(points: number): string {
  return points === 1 ? "1 CPD point" : `${points} CPD points`;
}

/** "12 courses found", "1 course found". */
export function coursesFoundWords(count: number): string {
  return count === 1 ? "1 course found" : `${count} courses found`;
}
