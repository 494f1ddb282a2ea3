/** The CPD record page. */
export const CPD_PATH = "/cpd";
/** The transcript page. */
export const TRANSCRIPT_PATH = "/transcript";
/** The page to add an activity. */
export const NEW_ACTIVITY_PATH = "/cpd/activities/new";

/** One activity's page. */
export const activityPath = (id: string) => `/cpd/activities/${encodeURIComponent(id)}`;
/** The page to change an activity. */
export const editActivityPath = (id: string) => `${activityPath(id)}/edit`;
/** The page that confirms deleting an activity. */
export const deleteActivityPath = (id: string) => `${activityPath(id)}/delete`;
/** The public page that checks a certificate by its code. */
export const verifyPath = (code: string) => `/verify/${encodeURIComponent(code)}`;
/** The record page showing a CPD year ("" for the current one, "all" for every year). */
export const cpdYearPath = (year: string) =>
  year ? `${CPD_PATH}?year=${encodeURIComponent(year)}` : CPD_PATH;
/** A certificate's PDF (served by the certificates module to its holder). */
export const certificatePdfPath = (id: string) => `/api/certificates/${encodeURIComponent(id)}/pdf`;
