import { ActivityForm } from "../components/activity-form";
import "../components/cpd.css";

/** /cpd/activities/new: record a CPD activity of the learner's own. */
export function NewActivityPage() {
  return <ActivityForm activity={null} />;
}
