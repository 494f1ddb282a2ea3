import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CommentSort,
  TopicListSchema,
  TopicSummarySchema,
  TopicThreadSchema,
} from "../../../../shared/discussions";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { discussionKeys } from "./discussion-keys";

/** GET /api/runs/:runId/topics → the run's board. */
export function useTopics(runId: string) {
  return useQuery({
    queryKey: discussionKeys.topics(runId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/runs/${encodeURIComponent(runId)}/topics`, { schema: TopicListSchema, signal }),
  });
}

/** GET /api/topics/:topicId?sort=&page= → a topic, its opening post and a page of its comments. */
export function useTopic(topicId: string, sort: CommentSort, page: number) {
  return useQuery({
    queryKey: discussionKeys.topic(topicId, sort, page),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/topics/${encodeURIComponent(topicId)}${toQueryString({ sort, page })}`, {
        schema: TopicThreadSchema,
        signal,
      }),
  });
}

/** POST /api/runs/:runId/topics → the new topic. */
export function useStartTopic(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; body: string }) =>
      apiRequest("POST", `/api/runs/${encodeURIComponent(runId)}/topics`, {
        body,
        schema: TopicSummarySchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: discussionKeys.all }),
  });
}
