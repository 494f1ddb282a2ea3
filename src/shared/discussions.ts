import { z } from "zod";
import { CommentStateSchema, RunPhaseSchema } from "./runs.js";

/**
 * Discussions (issue 7): comments on every step of a course run, the run's board of topics, likes, highlights, pins
 * and mentions. Bodies are Markdown as the author typed it; the server renders and sanitises them on output
 * (docs/decisions/0019-comment-rendering.md).
 */

/** Longest comment, in characters after normalising. */
export const COMMENT_BODY_MAX = 5000;
/** Bodies longer than this are refused as malformed before any normalising (a 5,000 character limit needs no more). */
export const COMMENT_BODY_HARD_MAX = 50_000;
/** Top-level comments on one page. */
export const COMMENTS_PAGE_SIZE = 20;
/** Most top-level comments one page may be asked for (pageSize). */
export const COMMENTS_PAGE_SIZE_MAX = 50;
/** Minutes after posting in which the author may still edit a comment. */
export const COMMENT_EDIT_MINUTES = 15;
/** Longest topic title, in characters. */
export const TOPIC_TITLE_MAX = 120;
/** Topics on one page of a run's board. */
export const TOPICS_PAGE_SIZE = 50;

/** How a thread's top-level comments are ordered (pinned comments always come first). */
export const COMMENT_SORTS = ["newest", "most_liked", "highlighted"] as const;
/** A thread's sort. */
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const CommentSortSchema = z.enum(COMMENT_SORTS);

/** What the sort control says for each sort. */
export const COMMENT_SORT_LABELS: Record<CommentSort, string> = {
  newest: "Newest first",
  most_liked: "Most liked",
  highlighted: "Highlighted by facilitators",
};

const uuid = z.string().uuid("Choose a valid item");

/** Paging and sorting of a thread: ?sort=&page=&pageSize= */
export const CommentPageQuerySchema = z.object({
  sort: CommentSortSchema.default("newest"),
  page: z.coerce.number().int().min(1, "Page must be 1 or more").max(100_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(COMMENTS_PAGE_SIZE_MAX, `Page size must be ${COMMENTS_PAGE_SIZE_MAX} or fewer`)
    .default(COMMENTS_PAGE_SIZE),
});
export type CommentPageQuery = z.infer<typeof CommentPageQuerySchema>;

/** GET /api/steps/:stepId/comments?runId=&sort=&page= */
export const StepCommentsQuerySchema = CommentPageQuerySchema.extend({ runId: uuid });
export type StepCommentsQuery = z.infer<typeof StepCommentsQuerySchema>;

/** :stepId */
export const StepParamsSchema = z.object({ stepId: uuid });
/** :commentId */
export const CommentParamsSchema = z.object({ commentId: uuid });
/** :topicId */
export const TopicParamsSchema = z.object({ topicId: uuid });
/** :runId */
export const RunParamsSchema = z.object({ runId: uuid });

/** A comment's Markdown as sent: checked for length and emptiness by the server after normalising. */
const BodySchema = z
  .string({ error: "Write a comment" })
  .max(
    COMMENT_BODY_HARD_MAX,
    `Your comment must be ${COMMENT_BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
  );

/** POST /api/steps/:stepId/comments */
export const StepCommentInputSchema = z.strictObject({
  runId: uuid,
  body: BodySchema,
  parentId: uuid.optional(),
});
export type StepCommentInput = z.infer<typeof StepCommentInputSchema>;

/** POST /api/topics/:topicId/comments */
export const TopicCommentInputSchema = z.strictObject({ body: BodySchema, parentId: uuid.optional() });
export type TopicCommentInput = z.infer<typeof TopicCommentInputSchema>;

/** PATCH /api/comments/:commentId */
export const CommentEditInputSchema = z.strictObject({ body: BodySchema });
export type CommentEditInput = z.infer<typeof CommentEditInputSchema>;

/** POST /api/runs/:runId/topics */
export const TopicInputSchema = z.strictObject({
  title: z
    .string({ error: "Enter a title for your topic" })
    .trim()
    .min(1, "Enter a title for your topic")
    .max(TOPIC_TITLE_MAX, `The title must be ${TOPIC_TITLE_MAX} characters or fewer`),
  body: BodySchema,
});
export type TopicInput = z.infer<typeof TopicInputSchema>;

/** Someone as a discussion shows them. */
export const CommentAuthorSchema = z.object({
  id: z.string(),
  name: z.string(),
  isFacilitator: z.boolean(),
});

/** A comment as a reader sees it: bodyHtml is null when the reader may not see its words. */
export const CommentSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  author: CommentAuthorSchema,
  /** Rendered and sanitised Markdown; null for deleted and removed comments, and hidden ones for members. */
  bodyHtml: z.string().nullable(),
  /** The Markdown as typed, only while the reader may edit it (for the edit form). */
  body: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  likeCount: z.number().int(),
  likedByMe: z.boolean(),
  replyCount: z.number().int(),
  highlighted: z.boolean(),
  pinned: z.boolean(),
  state: CommentStateSchema,
  /** For replies to replies: whom this one answers. */
  inReplyTo: z.object({ commentId: z.string(), authorName: z.string() }).nullable(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  canLike: z.boolean(),
  canReply: z.boolean(),
  canReport: z.boolean(),
  canHighlight: z.boolean(),
  canPin: z.boolean(),
});
export type Comment = z.infer<typeof CommentSchema>;

/** A top-level comment with its replies (every reply in its thread, oldest first). */
export const ThreadCommentSchema = CommentSchema.extend({ replies: z.array(CommentSchema) });
export type ThreadComment = z.infer<typeof ThreadCommentSchema>;

/** What the reader may do in the run, and why not when they cannot post. */
export const DiscussionViewerSchema = z.object({
  canPost: z.boolean(),
  canFacilitate: z.boolean(),
  /** Why the reader cannot post, in words for the page; null when they can. */
  cannotPostReason: z.string().nullable(),
});

/** The run a discussion belongs to, with the facilitators a comment may mention. */
export const DiscussionRunSchema = z.object({
  id: z.string(),
  title: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  phase: RunPhaseSchema,
  facilitators: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DiscussionRun = z.infer<typeof DiscussionRunSchema>;

/** One page of a thread. */
export const CommentPageSchema = z.object({
  sort: CommentSortSchema,
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  /** Top-level comments in this sort (every one, or only highlighted ones). */
  topLevelCount: z.number().int(),
  /** Comments shown to everyone in the thread, replies included ("Discussion (n comments)"). */
  commentCount: z.number().int(),
  comments: z.array(ThreadCommentSchema),
});

/** GET /api/steps/:stepId/comments */
export const StepCommentsSchema = CommentPageSchema.extend({
  run: DiscussionRunSchema,
  step: z.object({ id: z.string(), title: z.string() }),
  viewer: DiscussionViewerSchema,
  /** The reader's enrolment on the course, for a link to the step in their course; null for non-members. */
  enrolmentId: z.string().nullable(),
});
export type StepComments = z.infer<typeof StepCommentsSchema>;

/** A topic on a run's board. */
export const TopicSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  author: CommentAuthorSchema,
  commentCount: z.number().int(),
  lastActivityAt: z.string(),
  createdAt: z.string(),
  pinned: z.boolean(),
  canPin: z.boolean(),
});
export type TopicSummary = z.infer<typeof TopicSummarySchema>;

/** GET /api/runs/:runId/topics */
export const TopicListSchema = z.object({
  run: DiscussionRunSchema,
  viewer: DiscussionViewerSchema,
  topics: z.array(TopicSummarySchema),
});
export type TopicList = z.infer<typeof TopicListSchema>;

/** GET /api/topics/:topicId?sort=&page= : the topic, its opening post, and a page of the other comments. */
export const TopicThreadSchema = CommentPageSchema.extend({
  run: DiscussionRunSchema,
  topic: TopicSummarySchema,
  openingPost: ThreadCommentSchema.nullable(),
  viewer: DiscussionViewerSchema,
});
export type TopicThread = z.infer<typeof TopicThreadSchema>;

/** PUT/DELETE /api/comments/:commentId/like */
export const LikeStateSchema = z.object({ likeCount: z.number().int(), likedByMe: z.boolean() });
export type LikeState = z.infer<typeof LikeStateSchema>;

/** GET /api/runs/:runId/discussions/steps: every step of the run's course with its comment counts (facilitators). */
export const StepCommentCountsSchema = z.object({
  run: DiscussionRunSchema,
  modules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      position: z.number().int(),
      steps: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          position: z.number().int(),
          commentCount: z.number().int(),
          highlightedCount: z.number().int(),
          lastCommentAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type StepCommentCounts = z.infer<typeof StepCommentCountsSchema>;
