import type { BoxSetOrderStatus } from "../../../../shared/implementation";
import { Tag } from "../../../components/nhs";

const STATUS_WORDS: Record<BoxSetOrderStatus, { text: string; modifier: "blue" | "green" | "grey" }> = {
  ordered: { text: "Waiting to be dispatched", modifier: "blue" },
  dispatched: { text: "Dispatched", modifier: "green" },
  cancelled: { text: "Cancelled", modifier: "grey" },
};

/** An order's status as a tag with words. */
export function OrderStatusTag({ status }: { status: BoxSetOrderStatus }) {
  const words = STATUS_WORDS[status];
  return <Tag modifier={words.modifier}>{words.text}</Tag>;
}

/** "3 (2 free)", "3 (all free)", "0". */
export function countWithFree(count: number, free: number): string {
  if (count === 0) return "0";
  if (free === count) return `${count} (free)`;
  if (free === 0) return `${count}`;
  return `${count} (${free} free)`;
}
