import type { CoursePanelProps } from "../../../lib/slots";

/** The course page's panel for mini-courses: the runs, their dates and facilitators, and joining one. */
export function CourseRunsPanel(_props: CoursePanelProps) {
  return null;
}
