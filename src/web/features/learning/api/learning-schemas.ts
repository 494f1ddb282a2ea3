import { z } from "zod";
import { LearningOutlineSchema, OutlineStepSchema, StepViewSchema } from "../../../../shared/learning";

/**
 * The shared contracts, except that a step's kind may be any string. Later issues add kinds (SCORM, discussion,
 * evidence); a server that has them must not break the pages of a browser still running this code, which shows
 * "This kind of step cannot be shown yet" instead.
 */
const OutlineStepClientSchema = OutlineStepSchema.extend({ kind: z.string() });
const OutlineModuleClientSchema = LearningOutlineSchema.shape.modules.element.extend({
  steps: z.array(OutlineStepClientSchema),
});

/** GET /api/learning/enrolments/:id, accepting step kinds this code does not know yet. */
export const LearningOutlineClientSchema = LearningOutlineSchema.extend({
  modules: z.array(OutlineModuleClientSchema),
});
/** A course outline as the pages use it. */
export type LearningOutlineView = z.infer<typeof LearningOutlineClientSchema>;
/** One module of an outline. */
export type OutlineModuleView = z.infer<typeof OutlineModuleClientSchema>;
/** One step of an outline. */
export type OutlineStepView = z.infer<typeof OutlineStepClientSchema>;

/** GET …/steps/:stepId, accepting step kinds this code does not know yet. */
export const StepViewClientSchema = StepViewSchema.extend({ kind: z.string() });
/** A step as the pages use it. */
export type StepViewData = z.infer<typeof StepViewClientSchema>;
