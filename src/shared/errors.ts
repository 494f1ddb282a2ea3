import { z } from "zod";

/** The one shape every failed API request answers with (see docs/architecture.md). */
export const ErrorBodySchema = z.object({
  error: z.string().describe("snake_case code a client can switch on"),
  message: z.string().describe("a sentence a person can act on"),
  details: z
    .array(z.object({ field: z.string().optional(), message: z.string() }))
    .optional()
    .describe("one entry per problem, naming the field where there is one"),
  requestId: z.string().optional(),
});

/** Body of a failed API response. */
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A plain "we did it, here is what happens next" answer. */
export const MessageSchema = z.object({ message: z.string() });
