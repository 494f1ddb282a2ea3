import { LEVEL_LABELS, type Level } from "../../../../shared/catalogue";
import { Tag } from "../../../components/nhs";

/** A course's level as a tag, and a "Free" tag when it costs this person nothing (text, never colour alone). */
export function LevelTags({ level, free }: { level: Level; free: boolean }) {
  return (
    <p className="app-tags">
      <Tag modifier="blue">{LEVEL_LABELS[level]}</Tag>
      {free ? <Tag modifier="green">Free</Tag> : null}
    </p>
  );
}
