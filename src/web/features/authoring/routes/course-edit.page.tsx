import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  type AuthoringCourse,
  type AuthoringModule,
  type AuthoringStepSummary,
  learnersHave,
  ModuleInputSchema,
  STEP_KIND_LABELS,
  StepCreateSchema,
} from "../../../../shared/authoring";
import { formatPrice, LEVEL_LABELS } from "../../../../shared/catalogue";
import { STEP_KINDS } from "../../../../shared/learning";
import { isPortfolioLevel } from "../../../../shared/portfolios";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Details, SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { ApiError, isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { type FieldErrors, type SummaryError, validateFields } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useAuthoringCourse, useCourseStatus, useDeleteCourse } from "../api/courses";
import { useCreateModule, useDeleteModule, useReorderModules } from "../api/modules";
import { useCreateStep, useDeleteStep, useReorderSteps } from "../api/steps";
import { Confirm } from "../components/confirm";
import { CourseStatusTag } from "../components/status-tag";
import { useDismissFlash } from "../components/use-dismiss-flash";
import "../components/authoring.css";

/** How the page's parts report problems (to the one error summary) and successes (to a banner or a live region). */
interface PageFeedback {
  /** Shows these lines in the error summary at the top (an empty list clears it). */
  report: (lines: SummaryError[]) => void;
  /** Shows a failed request in the error summary; `fields` maps API field names to the ids of inputs. */
  fail: (error: unknown, fields?: Record<string, string>) => void;
  /** A success banner at the top of the page, which takes focus. */
  announce: (message: string) => void;
  /** A quiet message for screen readers, leaving focus where it is (moves). */
  status: (message: string) => void;
}

/** Summary lines for a failed request, linking the server's field errors to the page's inputs. */
function failureLines(error: unknown, fields: Record<string, string> = {}): SummaryError[] {
  if (!(error instanceof ApiError)) {
    return [{ message: "Sorry, there is a problem with the service. Try again later." }];
  }
  const lines = error.details.map((d) => {
    const field = d.field ? fields[d.field] : undefined;
    return field ? { field, message: d.message } : { message: d.message };
  });
  return lines.length > 0 ? lines : [{ message: error.message }];
}

/** Moves focus to the element with this id once React has drawn it (a button shown again after Cancel). */
function focusSoon(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/**
 * Keeps focus on a moved item's Move button. The button pressed may vanish (an item moved to the top has no Move up),
 * so once the item has its new position, focus goes to the button in the same direction or, failing that, the other.
 */
function useFocusAfterMove(idPrefix: string, position: number, count: number) {
  const pending = useRef<"up" | "down" | null>(null);
  useEffect(() => {
    const direction = pending.current;
    if (!direction) return;
    pending.current = null;
    const first = position === 1;
    const last = position === count;
    const target = direction === "up" ? (first ? "down" : "up") : last ? "up" : "down";
    document.getElementById(`${idPrefix}-${target}`)?.focus();
  }, [idPrefix, position, count]);
  return pending;
}

/** The order with one id moved one place up or down. */
function moved(ids: readonly string[], id: string, direction: "up" | "down"): string[] {
  const next = [...ids];
  const from = next.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= next.length) return next;
  [next[from], next[to]] = [next[to] ?? id, next[from] ?? id];
  return next;
}

// ---------------------------------------------------------------------------------------------------------------

/** Publish, unpublish or restore the course, each confirmed first where it changes what learners see. */
function StatusSection({ course, feedback }: { course: AuthoringCourse; feedback: PageFeedback }) {
  const status = useCourseStatus(course.id);
  const [confirming, setConfirming] = useState(false);
  const act = (action: "publish" | "unpublish", done: string) => {
    if (status.isPending) return;
    feedback.report([]);
    status.mutate(action, {
      onSuccess: () => {
        setConfirming(false);
        feedback.announce(done);
      },
      onError: (error) => {
        setConfirming(false);
        feedback.fail(error);
      },
    });
  };
  const learners =
    course.enrolmentCount === 1
      ? "The 1 learner enrolled keeps"
      : `The ${course.enrolmentCount} learners enrolled keep`;

  if (course.status === "published") {
    return (
      <>
        <p>
          This course is in the catalogue
          {course.publishedAt ? ` (published ${formatDate(course.publishedAt)})` : ""}.{" "}
          <Link to={`/courses/${course.id}`}>See it in the catalogue</Link>
        </p>
        {confirming ? (
          <Confirm
            question="Unpublish this course?"
            confirmLabel="Yes, unpublish it"
            busy={status.isPending}
            onConfirm={() => act("unpublish", "Course unpublished: it is no longer in the catalogue")}
            onCancel={() => {
              setConfirming(false);
              focusSoon("unpublish-course");
            }}
          >
            <p>It will leave the catalogue, so nobody new can enrol. {learners} their access and progress.</p>
          </Confirm>
        ) : (
          <div className="app-actions">
            <button
              type="button"
              id="unpublish-course"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => setConfirming(true)}
            >
              Unpublish course
            </button>
          </div>
        )}
      </>
    );
  }

  if (course.status === "archived") {
    return (
      <>
        <p>
          This course is archived: it is not in the catalogue, and learners who enrolled keep their records.
          Move it back to draft to change it and publish it again.
        </p>
        <Button
          variant="secondary"
          busy={status.isPending}
          onClick={() => act("unpublish", "Course moved back to draft")}
        >
          Move back to draft
        </Button>
      </>
    );
  }

  return (
    <>
      <p>This course is a draft: only content editors can see it.</p>
      {course.publishProblems.length > 0 ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h3">
            Before you can publish this course
          </WarningCallout.Heading>
          <ul>
            {course.publishProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : confirming ? (
        <Confirm
          question="Publish this course?"
          confirmLabel="Yes, publish it"
          variant="primary"
          busy={status.isPending}
          onConfirm={() => act("publish", "Course published: it is now in the catalogue")}
          onCancel={() => {
            setConfirming(false);
            focusSoon("publish-course");
          }}
        >
          <p>It will appear in the catalogue and learners can enrol on it.</p>
        </Confirm>
      ) : (
        <div className="app-actions">
          <button
            type="button"
            id="publish-course"
            className="nhsuk-button"
            onClick={() => setConfirming(true)}
          >
            Publish course
          </button>
        </div>
      )}
    </>
  );
}

/** The course's details as a summary list, changed on their own page. */
function DetailsSection({ course }: { course: AuthoringCourse }) {
  const rows: Array<[string, ReactNode]> = [
    ["Programme", course.programme.title],
    ["Level", `${LEVEL_LABELS[course.level]} (${course.accessMonths} months' access)`],
    ["Summary", course.summary],
    ["Who it is for", course.whoFor],
    [
      "What learners will be able to do",
      <ul className="nhsuk-u-margin-bottom-0" key="outcomes">
        {course.outcomes.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>,
    ],
    ["Before they start", course.prerequisites ?? "Nothing"],
    ["Price", `${formatPrice(course.listPriceExVatPence)}${course.priceIsIndicative ? " – indicative" : ""}`],
    ["CPD points", String(course.cpdPoints)],
  ];
  return (
    <SummaryList>
      {rows.map(([key, value]) => (
        <SummaryList.Row key={key}>
          <SummaryList.Key>{key}</SummaryList.Key>
          <SummaryList.Value>{value}</SummaryList.Value>
          <SummaryList.Action
            asElement={Link}
            to={`/manage/courses/${course.id}/details`}
            visuallyHiddenText={key.toLowerCase()}
          >
            Change
          </SummaryList.Action>
        </SummaryList.Row>
      ))}
    </SummaryList>
  );
}

/** Move up / Move down buttons for one item of a list, named for screen readers. */
function MoveButtons({
  idPrefix,
  name,
  first,
  last,
  busy,
  onMove,
}: {
  idPrefix: string;
  name: string;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (direction: "up" | "down") => void;
}) {
  return (
    <>
      {first ? null : (
        <button
          type="button"
          id={`${idPrefix}-up`}
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          aria-disabled={busy ? "true" : undefined}
          onClick={() => (busy ? undefined : onMove("up"))}
        >
          Move up<span className="nhsuk-u-visually-hidden"> {name}</span>
        </button>
      )}
      {last ? null : (
        <button
          type="button"
          id={`${idPrefix}-down`}
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          aria-disabled={busy ? "true" : undefined}
          onClick={() => (busy ? undefined : onMove("down"))}
        >
          Move down<span className="nhsuk-u-visually-hidden"> {name}</span>
        </button>
      )}
    </>
  );
}

/** One step in a module: its link to the editor, facts, problems, and move and delete actions. */
function StepRow({
  course,
  module,
  step,
  feedback,
}: {
  course: AuthoringCourse;
  module: AuthoringModule;
  step: AuthoringStepSummary;
  feedback: PageFeedback;
}) {
  const reorder = useReorderSteps(course.id);
  const remove = useDeleteStep(course.id);
  const [confirming, setConfirming] = useState(false);
  const name = `step ${step.position}, ${step.title}`;
  const idPrefix = `step-${step.id}`;
  const focusAfterMove = useFocusAfterMove(idPrefix, step.position, module.steps.length);
  const move = (direction: "up" | "down") => {
    feedback.report([]);
    const ids = moved(
      module.steps.map((s) => s.id),
      step.id,
      direction,
    );
    focusAfterMove.current = direction;
    reorder.mutate(
      { moduleId: module.id, ids },
      {
        onSuccess: () => {
          const position = ids.indexOf(step.id) + 1;
          feedback.status(
            `Step moved ${direction}. "${step.title}" is now step ${position} of ${ids.length}.`,
          );
        },
        onError: (error) => {
          focusAfterMove.current = null;
          feedback.fail(error);
        },
      },
    );
  };
  const facts = [
    STEP_KIND_LABELS[step.kind],
    `${step.minutes} ${step.minutes === 1 ? "minute" : "minutes"}`,
    step.required ? null : "optional",
    step.learnersStarted > 0 ? `${learnersHave(step.learnersStarted)} started it` : null,
  ].filter(Boolean);

  return (
    <li>
      <p className="nhsuk-u-margin-bottom-1">
        <Link to={`/manage/courses/${course.id}/steps/${step.id}`}>
          {step.position}. {step.title}
        </Link>
      </p>
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">{facts.join(" · ")}</p>
      {step.problems.length > 0 ? (
        <div className="nhsuk-u-margin-bottom-2">
          <Tag modifier="orange">Incomplete</Tag>
          <ul className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
            {step.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {confirming ? (
        <Confirm
          question={`Delete ${name}?`}
          confirmLabel="Yes, delete it"
          busy={remove.isPending}
          onConfirm={() => {
            feedback.report([]);
            remove.mutate(step.id, {
              onSuccess: () => feedback.announce(`Step deleted: ${step.title}`),
              onError: (error) => {
                setConfirming(false);
                feedback.fail(error);
              },
            });
          }}
          onCancel={() => {
            setConfirming(false);
            focusSoon(`${idPrefix}-delete`);
          }}
        >
          <p>This cannot be undone.</p>
        </Confirm>
      ) : (
        <div className="app-actions">
          <MoveButtons
            idPrefix={idPrefix}
            name={name}
            first={step.position === 1}
            last={step.position === module.steps.length}
            busy={reorder.isPending}
            onMove={move}
          />
          {step.learnersStarted > 0 ? null : (
            <button
              type="button"
              id={`${idPrefix}-delete`}
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => setConfirming(true)}
            >
              Delete<span className="nhsuk-u-visually-hidden"> {name}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

const STEP_KIND_HINTS = {
  article: "Text with headings, lists, links and images",
  video: "A video from a web address or an uploaded file, with its transcript",
  download: "A file learners download, such as a template",
  quiz: "Questions with answers, marked straight away",
  scorm: "An e-learning package (.zip) made to SCORM 1.2 or 2004",
} as const;

/** Adds a step at the end of a module, then opens its editor. */
function AddStepForm({
  course,
  module,
  feedback,
}: {
  course: AuthoringCourse;
  module: AuthoringModule;
  feedback: PageFeedback;
}) {
  const navigate = useNavigate();
  const create = useCreateStep(course.id);
  const [kind, setKind] = useState("");
  const [title, setTitle] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const kindId = `kind-${module.id}`;
  const titleId = `step-title-${module.id}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateFields({
      [kindId]: [StepCreateSchema.shape.kind, kind],
      [titleId]: [StepCreateSchema.shape.title, title],
    });
    setErrors(found);
    feedback.report(Object.entries(found).map(([field, message]) => ({ field, message })));
    if (Object.keys(found).length > 0 || create.isPending) return;
    const parsed = StepCreateSchema.parse({ kind, title });
    create.mutate(
      { moduleId: module.id, input: parsed },
      {
        onSuccess: (step) =>
          navigate(`/manage/courses/${course.id}/steps/${step.id}`, {
            state: flash(`${STEP_KIND_LABELS[step.kind]} step added`, "Now write its content and save it."),
          }),
        onError: (error) => feedback.fail(error, { kind: kindId, title: titleId }),
      },
    );
  };
  return (
    <form noValidate onSubmit={submit}>
      <Radios
        name={kindId}
        legend="What kind of step?"
        legendSize="s"
        small
        options={STEP_KINDS.map((k) => ({ value: k, label: STEP_KIND_LABELS[k], hint: STEP_KIND_HINTS[k] }))}
        value={kind}
        onChange={setKind}
        error={errors[kindId]}
      />
      <TextInput id={titleId} label="Step title" value={title} onChange={setTitle} error={errors[titleId]} />
      <Button variant="secondary" busy={create.isPending}>
        Add step<span className="nhsuk-u-visually-hidden"> to module {module.position}</span>
      </Button>
    </form>
  );
}

/** One module: its title and summary, its steps, and the ways to rename, move, delete it and add steps. */
function ModuleSection({
  course,
  module,
  feedback,
}: {
  course: AuthoringCourse;
  module: AuthoringModule;
  feedback: PageFeedback;
}) {
  const reorder = useReorderModules(course.id);
  const remove = useDeleteModule(course.id);
  const [confirming, setConfirming] = useState(false);
  const name = `module ${module.position}, ${module.title}`;
  const idPrefix = `module-${module.id}`;
  const headingId = `${idPrefix}-heading`;
  const focusAfterMove = useFocusAfterMove(idPrefix, module.position, course.modules.length);
  const move = (direction: "up" | "down") => {
    feedback.report([]);
    const ids = moved(
      course.modules.map((m) => m.id),
      module.id,
      direction,
    );
    focusAfterMove.current = direction;
    reorder.mutate(ids, {
      onSuccess: () => {
        const position = ids.indexOf(module.id) + 1;
        feedback.status(
          `Module moved ${direction}. "${module.title}" is now module ${position} of ${ids.length}.`,
        );
      },
      onError: (error) => {
        focusAfterMove.current = null;
        feedback.fail(error);
      },
    });
  };

  return (
    <section className="app-module" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Module {module.position}: {module.title}
      </h3>
      {module.summary ? <p>{module.summary}</p> : null}
      {module.learnersStarted > 0 ? (
        <p className="nhsuk-body-s">
          {learnersHave(module.learnersStarted)} started this module, so it cannot be deleted.
        </p>
      ) : null}
      {confirming ? (
        <Confirm
          question={`Delete ${name}?`}
          confirmLabel="Yes, delete it"
          busy={remove.isPending}
          onConfirm={() => {
            feedback.report([]);
            remove.mutate(module.id, {
              onSuccess: () => feedback.announce(`Module deleted: ${module.title}`),
              onError: (error) => {
                setConfirming(false);
                feedback.fail(error);
              },
            });
          }}
          onCancel={() => {
            setConfirming(false);
            focusSoon(`${idPrefix}-delete`);
          }}
        >
          <p>
            {module.steps.length === 0
              ? "It has no steps."
              : `Its ${module.steps.length === 1 ? "step is" : `${module.steps.length} steps are`} deleted too.`}{" "}
            This cannot be undone.
          </p>
        </Confirm>
      ) : (
        <div className="app-actions">
          <Link to={`/manage/courses/${course.id}/modules/${module.id}`}>
            Rename<span className="nhsuk-u-visually-hidden"> {name}</span>
          </Link>
          <MoveButtons
            idPrefix={idPrefix}
            name={name}
            first={module.position === 1}
            last={module.position === course.modules.length}
            busy={reorder.isPending}
            onMove={move}
          />
          {module.learnersStarted > 0 ? null : (
            <button
              type="button"
              id={`${idPrefix}-delete`}
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => setConfirming(true)}
            >
              Delete<span className="nhsuk-u-visually-hidden"> {name}</span>
            </button>
          )}
        </div>
      )}
      {module.steps.length === 0 ? (
        <p>This module has no steps yet.</p>
      ) : (
        <ol className="app-step-list" aria-label={`Steps of module ${module.position}`}>
          {module.steps.map((step) => (
            <StepRow key={step.id} course={course} module={module} step={step} feedback={feedback} />
          ))}
        </ol>
      )}
      <Details>
        <Details.Summary>Add a step to module {module.position}</Details.Summary>
        <Details.Text>
          <AddStepForm course={course} module={module} feedback={feedback} />
        </Details.Text>
      </Details>
    </section>
  );
}

/** Adds a module at the end of the course. */
function AddModuleForm({ course, feedback }: { course: AuthoringCourse; feedback: PageFeedback }) {
  const create = useCreateModule(course.id);
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateFields({
      "module-title": [ModuleInputSchema.shape.title, title],
      "module-summary": [ModuleInputSchema.shape.summary, summary],
    });
    setErrors(found);
    feedback.report(Object.entries(found).map(([field, message]) => ({ field, message })));
    if (Object.keys(found).length > 0 || create.isPending) return;
    create.mutate(
      { title, summary },
      {
        onSuccess: () => {
          setTitle("");
          setSummary("");
          feedback.announce(`Module added: ${title.trim()}`);
        },
        onError: (error) => feedback.fail(error, { title: "module-title", summary: "module-summary" }),
      },
    );
  };
  return (
    <form noValidate onSubmit={submit}>
      <TextInput
        id="module-title"
        label="Module title"
        value={title}
        onChange={setTitle}
        error={errors["module-title"]}
      />
      <Textarea
        id="module-summary"
        label="Summary (optional)"
        hint="What the module covers, in a sentence or two, for the course's contents list"
        value={summary}
        onChange={setSummary}
        error={errors["module-summary"]}
        rows={3}
      />
      <Button variant="secondary" busy={create.isPending}>
        Add module
      </Button>
    </form>
  );
}

/** Deleting a course nobody is enrolled on, or archiving one that has learners. */
function RemoveSection({ course, feedback }: { course: AuthoringCourse; feedback: PageFeedback }) {
  const navigate = useNavigate();
  const remove = useDeleteCourse(course.id);
  const status = useCourseStatus(course.id);
  const [confirming, setConfirming] = useState<"delete" | "archive" | null>(null);
  if (course.status === "archived") return null;
  const canDelete = course.enrolmentCount === 0 && course.status !== "published";
  return (
    <>
      <h2>Remove this course</h2>
      {canDelete ? (
        <p>Nobody has enrolled on this course, so you can delete it with its modules and steps.</p>
      ) : course.enrolmentCount > 0 ? (
        <p>
          {course.enrolmentCount === 1 ? "1 learner is" : `${course.enrolmentCount} learners are`} enrolled on
          this course, so it cannot be deleted. You can archive it: it leaves the catalogue and learners keep
          their records.
        </p>
      ) : (
        <p>
          Unpublish the course before deleting it, or archive it to take it out of the catalogue for good.
        </p>
      )}
      {confirming === "delete" ? (
        <Confirm
          question="Delete this course?"
          confirmLabel="Yes, delete it"
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () =>
                navigate("/manage/courses", { state: flash(`Course deleted: ${course.title}`) }),
              onError: (error) => {
                setConfirming(null);
                feedback.fail(error);
              },
            })
          }
          onCancel={() => {
            setConfirming(null);
            focusSoon("delete-course");
          }}
        >
          <p>Its modules and steps are deleted too. This cannot be undone.</p>
        </Confirm>
      ) : confirming === "archive" ? (
        <Confirm
          question="Archive this course?"
          confirmLabel="Yes, archive it"
          busy={status.isPending}
          onConfirm={() =>
            status.mutate("archive", {
              onSuccess: () => {
                setConfirming(null);
                feedback.announce("Course archived");
              },
              onError: (error) => {
                setConfirming(null);
                feedback.fail(error);
              },
            })
          }
          onCancel={() => {
            setConfirming(null);
            focusSoon("archive-course");
          }}
        >
          <p>It leaves the catalogue. Learners who enrolled keep their access and records.</p>
        </Confirm>
      ) : (
        <div className="app-actions">
          {canDelete ? (
            <button
              type="button"
              id="delete-course"
              className="nhsuk-button nhsuk-button--warning"
              onClick={() => setConfirming("delete")}
            >
              Delete course
            </button>
          ) : (
            <button
              type="button"
              id="archive-course"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => setConfirming("archive")}
            >
              Archive course
            </button>
          )}
        </div>
      )}
    </>
  );
}

/** The course once loaded: status, details, modules with their steps, and removing it. */
function CourseEditor({ course }: { course: AuthoringCourse }) {
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [banner, setBanner] = useState<{ message: string; n: number } | null>(null);
  const [liveStatus, setLiveStatus] = useState("");
  const dismissFlash = useDismissFlash();
  usePageTitle(course.title, summary.length > 0);
  const feedback: PageFeedback = {
    report: (lines) => {
      setSummary(lines);
      if (lines.length > 0) {
        setBanner(null);
        dismissFlash();
      }
    },
    fail: (error, fields) => {
      setBanner(null);
      dismissFlash();
      setSummary(failureLines(error, fields));
    },
    announce: (message) => {
      setSummary([]);
      dismissFlash();
      setBanner((b) => ({ message, n: (b?.n ?? 0) + 1 }));
    },
    status: (message) => setLiveStatus(message),
  };

  return (
    <>
      <Breadcrumbs items={[{ to: "/manage/courses", text: "Manage courses" }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          {banner ? <NotificationBanner key={banner.n} heading={banner.message} /> : null}
          <span className="nhsuk-caption-l">
            {course.programme.title} · {LEVEL_LABELS[course.level]}
          </span>
          <h1 className="nhsuk-u-margin-bottom-3">{course.title}</h1>
          <p>
            <CourseStatusTag status={course.status} />
          </p>

          <h2>Status</h2>
          <StatusSection course={course} feedback={feedback} />

          <h2>Course details</h2>
          <DetailsSection course={course} />

          {isPortfolioLevel(course.level) ? (
            <p>
              <Link to={`/manage/courses/${encodeURIComponent(course.id)}/criteria`}>
                Assessment criteria
              </Link>
              : the units, learning outcomes and criteria learners' portfolios are assessed against.
            </p>
          ) : null}

          <p>
            <Link to={`/manage/courses/${encodeURIComponent(course.id)}/surveys`}>Course surveys</Link>: the
            pre-course and post-course surveys learners are asked to answer.
          </p>

          <h2>Modules</h2>
          {course.modules.length === 0 ? (
            <p>This course has no modules yet. Add the first one below.</p>
          ) : (
            course.modules.map((module) => (
              <ModuleSection key={module.id} course={course} module={module} feedback={feedback} />
            ))
          )}

          <h2>Add a module</h2>
          <AddModuleForm course={course} feedback={feedback} />

          <RemoveSection course={course} feedback={feedback} />

          <p className="nhsuk-u-visually-hidden" role="status">
            {liveStatus}
          </p>
        </div>
      </div>
    </>
  );
}

/** /manage/courses/:id: one course in its editor. */
export function CourseEditPage() {
  const { id = "" } = useParams();
  const course = useAuthoringCourse(id);
  if (course.isPending) return <LoadingPage title="Course" />;
  if (course.isError) {
    return (
      <>
        <Breadcrumbs items={[{ to: "/manage/courses", text: "Manage courses" }]} />
        <ProblemPage
          title={isApiError(course.error, 404) ? "Course not found" : "Sorry, there is a problem"}
          message={course.error.message}
        />
      </>
    );
  }
  return <CourseEditor course={course.data} />;
}
