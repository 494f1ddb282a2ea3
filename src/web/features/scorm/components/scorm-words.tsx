import { Tag } from "../../../components/nhs";

/** Completion as a tag, always with words. */
export function CompletionTag({ status }: { status: string }) {
  if (status === "completed") return <Tag modifier="green">Completed</Tag>;
  if (status === "incomplete") return <Tag modifier="blue">In progress</Tag>;
  if (status === "not attempted") return <Tag modifier="grey">Not started</Tag>;
  return <Tag modifier="grey">Unknown</Tag>;
}

/** Success as a tag, always with words. */
export function SuccessTag({ status }: { status: string }) {
  if (status === "passed") return <Tag modifier="green">Passed</Tag>;
  if (status === "failed") return <Tag modifier="red">Failed</Tag>;
  return <Tag modifier="grey">Not known</Tag>;
}

/** "80" or "80 (0.8 scaled)" or "None". */
export function scoreWords(raw: number | null, scaled: number | null): string {
  if (raw === null && scaled === null) return "None";
  if (raw === null) return `${scaled} scaled`;
  return scaled === null ? String(raw) : `${raw} (${scaled} scaled)`;
}

/** Seconds as "1 hour 2 minutes 5 seconds", "1 minute 30 seconds", "0 seconds". */
export function durationWords(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const parts = [
    h ? part(h, "hour") : null,
    m ? part(m, "minute") : null,
    s || (!h && !m) ? part(s, "second") : null,
  ];
  return parts.filter(Boolean).join(" ");
}
