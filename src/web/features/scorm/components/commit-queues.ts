import { sendCommit } from "../api/send-commit";
import { CommitQueue, type QueueStorage } from "./commit-queue";

const queues = new Map<string, CommitQueue>();

/** localStorage when the browser allows it, else a store that lasts as long as the page. */
function browserStorage(): QueueStorage {
  try {
    const probe = "qia-storage-probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

/**
 * The commit queue of one SCORM step for this browser. One per step for the life of the page, so commits still
 * waiting when the learner leaves the player keep being sent in the background (and from storage by a later page).
 */
export function commitQueueFor(enrolmentId: string, stepId: string): CommitQueue {
  const storageKey = `qia-scorm-commits:${enrolmentId}:${stepId}`;
  let queue = queues.get(storageKey);
  if (!queue) {
    queue = new CommitQueue({ storageKey, storage: browserStorage(), transport: sendCommit });
    queues.set(storageKey, queue);
  }
  return queue;
}
