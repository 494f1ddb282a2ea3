import { LEVEL_LABELS, type Level } from "../../../../shared/catalogue";
import { Tag } from "../../../components/nhs";

/** A course's level as a tag (text, never colour alone). */
export function LevelTag({ level }: { level: Level }) {
  return (
    <p className="app-tags">
      <Tag modifier="blue">{LEVEL_LABELS[level]}</Tag>
    </p>
  );
}
