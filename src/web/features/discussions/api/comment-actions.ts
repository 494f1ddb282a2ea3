import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CommentSchema, LikeStateSchema } from "../../../../shared/discussions";
import type { ReportReason } from "../../../../shared/runs";
import { apiRequest } from "../../../lib/api-client";
import { discussionKeys } from "./discussion-keys";

/** Where a new comment goes: a step in a run, or a topic on the board. */
export type CommentTarget =
  | { kind: "step"; stepId: string; runId: string }
  | { kind: "topic"; topicId: string };

/** POST /api/steps/:stepId/comments or /api/topics/:topicId/comments → the new comment or reply. */
export function usePostComment(target: CommentTarget) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; parentId?: string }) =>
      target.kind === "step"
        ? apiRequest("POST", `/api/steps/${encodeURIComponent(target.stepId)}/comments`, {
            body: { runId: target.runId, ...input },
            schema: CommentSchema,
          })
        : apiRequest("POST", `/api/topics/${encodeURIComponent(target.topicId)}/comments`, {
            body: input,
            schema: CommentSchema,
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.all }),
  });
}

const commentPath = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

/** PATCH /api/comments/:id (edit), DELETE /api/comments/:id, likes, highlights and pins; each refreshes threads. */
export function useCommentActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: discussionKeys.all });
  return {
    edit: useMutation({
      mutationFn: ({ id, body }: { id: string; body: string }) =>
        apiRequest("PATCH", commentPath(id), { body: { body }, schema: CommentSchema }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => apiRequest("DELETE", commentPath(id)),
      onSuccess: refresh,
    }),
    like: useMutation({
      mutationFn: ({ id, on }: { id: string; on: boolean }) =>
        apiRequest(on ? "PUT" : "DELETE", `${commentPath(id)}/like`, { schema: LikeStateSchema }),
      onSuccess: refresh,
    }),
    highlight: useMutation({
      mutationFn: ({ id, on }: { id: string; on: boolean }) =>
        apiRequest(on ? "PUT" : "DELETE", `${commentPath(id)}/highlight`),
      onSuccess: refresh,
    }),
    pin: useMutation({
      mutationFn: ({ id, on }: { id: string; on: boolean }) =>
        apiRequest(on ? "PUT" : "DELETE", `${commentPath(id)}/pin`),
      onSuccess: refresh,
    }),
  };
}

/** PUT/DELETE /api/topics/:topicId/pin (facilitators). */
export function usePinTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) =>
      apiRequest(on ? "PUT" : "DELETE", `/api/topics/${encodeURIComponent(id)}/pin`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.all }),
  });
}

/** POST /api/comments/:commentId/reports {reason, details?} → 201 (409 when already reported), built by moderation. */
export function useReportComment() {
  return useMutation({
    mutationFn: ({ id, reason, details }: { id: string; reason: ReportReason; details: string }) =>
      apiRequest("POST", `${commentPath(id)}/reports`, {
        body: { reason, ...(details.trim() ? { details: details.trim() } : {}) },
      }),
  });
}
