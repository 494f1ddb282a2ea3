import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import {
  LearningOutlineClientSchema,
  StepViewClientSchema,
  type StepViewData,
} from "../api/learning-schemas";
import { StepBody } from "./step-body";

const ENROLMENT = "9f6f2d7e-3f0a-4a53-8d0c-2d1d8f0b7a11";
const STEP = "1c1a5a3e-5f7e-4f44-9a43-6c0b0e7a0c22";

/** A step as the server sends it, of the given kind. */
function stepOf(kind: string): StepViewData {
  return StepViewClientSchema.parse({
    id: STEP,
    enrolmentId: ENROLMENT,
    module: { id: "m1", position: 1, title: "Module one" },
    position: 1,
    kind,
    title: "A step",
    minutes: 5,
    required: true,
    status: "not_started",
    percent: 0,
    html: "<p>Lesson text</p>",
    video: null,
    file: null,
    quiz: null,
    previousStepId: null,
    nextStepId: null,
    readOnly: false,
    course: { id: "c1", title: "A course" },
  });
}

function render(step: StepViewData): string {
  const noop = () => undefined;
  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(
        MemoryRouter,
        null,
        createElement(StepBody, {
          step,
          completing: false,
          onComplete: noop,
          onProgress: noop,
          onSummaryChange: noop,
        }),
      ),
    ),
  );
}

describe("StepBody", () => {
  it("says honestly that a kind of step added later cannot be shown yet", () => {
    const html = render(stepOf("discussion"));
    expect(html).toContain("This kind of step cannot be shown yet.");
    expect(html).toContain(`href="/learning/${ENROLMENT}"`);
    expect(html).not.toContain("Lesson text");
  });

  it("shows a SCORM step's introduction while its progress loads", () => {
    const html = render(stepOf("scorm"));
    expect(html).toContain("Lesson text");
    expect(html).toContain("Loading your progress");
    expect(html).not.toContain("cannot be shown yet");
  });

  it("shows an article's lesson in a reading-width column with the way to complete it", () => {
    const html = render(stepOf("article"));
    expect(html).toContain('<div class="nhsuk-u-reading-width app-rich-text"><p>Lesson text</p></div>');
    expect(html).toContain("Mark as complete and continue");
  });

  it("accepts outlines whose steps include kinds this code does not know", () => {
    const outline = LearningOutlineClientSchema.safeParse({
      enrolment: {
        id: ENROLMENT,
        courseId: "c1",
        state: "active",
        via: "free",
        startsAt: "2026-11-24T09:00:00Z",
        expiresAt: "2027-05-24T09:00:00Z",
        completedAt: null,
        readOnly: false,
        progressPercent: 0,
      },
      course: { id: "c1", slug: "a-course", title: "A course", level: "introductory", programmeTitle: "P" },
      modules: [
        {
          id: "m1",
          position: 1,
          title: "Module one",
          summary: "",
          progressPercent: 0,
          steps: [
            {
              id: STEP,
              position: 1,
              kind: "discussion",
              title: "Talk",
              minutes: 5,
              required: true,
              status: "not_started",
            },
          ],
        },
      ],
      nextStepId: STEP,
      deferral: { allowed: false, deadline: null, message: null, pendingRequest: false },
    });
    expect(outline.success).toBe(true);
  });
});
