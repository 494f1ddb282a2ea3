/** Query keys of the CPD record; everything under ["cpd"] is refreshed when an activity changes. */
export const cpdKeys = {
  all: ["cpd"] as const,
  record: (year: string) => ["cpd", "record", year] as const,
  activity: (id: string) => ["cpd", "activity", id] as const,
  transcript: ["cpd", "transcript"] as const,
};
