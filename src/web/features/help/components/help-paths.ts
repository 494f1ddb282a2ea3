/** The address of a help answer's page. */
export function helpPath(slug: string): string {
  return `/help/${encodeURIComponent(slug)}`;
}

/** The content editors' list of answers. */
export const MANAGE_HELP_PATH = "/manage/help";

/** The edit page of one answer. */
export function manageAnswerPath(id: string): string {
  return `${MANAGE_HELP_PATH}/${encodeURIComponent(id)}`;
}
