import { type FormEvent, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { type AuthoringCourse, type AuthoringModule, ModuleInputSchema } from "../../../../shared/authoring";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAuthoringCourse } from "../api/courses";
import { useUpdateModule } from "../api/modules";

const FIELDS = ["title", "summary"] as const;

function ModuleForm({ course, module }: { course: AuthoringCourse; module: AuthoringModule }) {
  const navigate = useNavigate();
  const update = useUpdateModule(course.id);
  const [title, setTitle] = useState(module.title);
  const [summary, setSummary] = useState(module.summary);
  const { errors, summary: summaryErrors, showFieldErrors, showFailure } = useFormErrors(FIELDS);
  usePageTitle(`Change module ${module.position}`, summaryErrors.length > 0);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors = validateFields({
      title: [ModuleInputSchema.shape.title, title],
      summary: [ModuleInputSchema.shape.summary, summary],
    });
    if (showFieldErrors(fieldErrors) || update.isPending) return;
    update.mutate(
      { moduleId: module.id, input: { title, summary } },
      {
        onSuccess: () => navigate(`/manage/courses/${course.id}`, { state: flash("Module saved") }),
        onError: showFailure,
      },
    );
  };
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/courses", text: "Manage courses" },
          { to: `/manage/courses/${course.id}`, text: course.title },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summaryErrors} />
          <span className="nhsuk-caption-l">{course.title}</span>
          <h1>Change module {module.position}</h1>
          <p>
            Changing the wording is always safe: learners who have started the module keep their progress.
          </p>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="title"
              label="Module title"
              value={title}
              onChange={setTitle}
              error={errors.title}
            />
            <Textarea
              id="summary"
              label="Summary (optional)"
              hint="What the module covers, in a sentence or two, for the course's contents list"
              value={summary}
              onChange={setSummary}
              error={errors.summary}
              rows={3}
            />
            <Button busy={update.isPending}>Save module</Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** /manage/courses/:id/modules/:moduleId: rename a module or change its summary. */
export function ModuleEditPage() {
  const { id = "", moduleId = "" } = useParams();
  const course = useAuthoringCourse(id);
  if (course.isPending) return <LoadingPage title="Change module" />;
  const module = course.data?.modules.find((m) => m.id === moduleId);
  if (course.isError || !module) {
    const missing = !course.data || isApiError(course.error, 404);
    return (
      <ProblemPage
        title={missing || !module ? "Module not found" : "Sorry, there is a problem"}
        message={course.error?.message ?? "This module is not part of the course. It may have been deleted."}
      />
    );
  }
  return <ModuleForm course={course.data} module={module} />;
}
