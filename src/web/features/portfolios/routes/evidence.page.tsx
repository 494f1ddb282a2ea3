import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import { type Evidence, EvidenceUpdateSchema, type PortfolioView } from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useUpdateEvidence } from "../api/portfolio";
import { CriteriaCheckboxes } from "../components/criteria-checkboxes";
import { DeleteEvidence } from "../components/delete-evidence";
import { LockedPage } from "../components/locked-page";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";
import { fileFacts } from "../components/portfolio-words";
import { ReflectionEditor } from "./reflection.page";
import "../components/portfolios.css";

const FIELDS = ["title", "url", "body", "criterionIds"] as const;

/** Changing a file's or link's title, description, address and criteria. */
function FileOrLinkForm({ portfolio, evidence }: { portfolio: PortfolioView; evidence: Evidence }) {
  const navigate = useNavigate();
  const update = useUpdateEvidence(portfolio.enrolmentId);
  const [title, setTitle] = useState(evidence.title);
  const [url, setUrl] = useState(evidence.url ?? "");
  const [body, setBody] = useState(evidence.body);
  const [criterionIds, setCriterionIds] = useState<string[]>(evidence.criterionIds);
  const form = useFormErrors(FIELDS);
  const isLink = evidence.kind === "link";
  usePageTitle(`Change ${isLink ? "link" : "file"}: ${evidence.title}`, form.summary.length > 0);
  const shape = EvidenceUpdateSchema.shape;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors = validateFields({
      title: [shape.title, title],
      ...(isLink ? { url: [shape.url.unwrap(), url] satisfies [z.ZodType, string] } : {}),
      body: [shape.body, body],
      criterionIds: [shape.criterionIds, criterionIds],
    });
    if (form.showFieldErrors(fieldErrors) || update.isPending) return;
    update.mutate(
      {
        evidenceId: evidence.id,
        input: {
          revision: portfolio.revision,
          title: title.trim(),
          body: body.trim(),
          criterionIds,
          ...(isLink ? { url: url.trim() } : {}),
        },
      },
      {
        onSuccess: () =>
          navigate(portfolioPaths.overview(portfolio.enrolmentId), {
            state: flash(`${isLink ? "Link" : "File"} saved`, `"${title.trim()}" is in your portfolio.`),
          }),
        onError: form.showFailure,
      },
    );
  };

  return (
    <>
      <BackLink to={portfolioPaths.overview(portfolio.enrolmentId)}>Back to your portfolio</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{portfolio.course.title}</span>
          <h1>{isLink ? "Change your link" : "Change your file"}</h1>
          {evidence.file ? (
            <p className="app-portfolio-wrap">
              File: <a href={evidence.file.url}>{evidence.file.filename}</a> ({fileFacts(evidence.file)}). To
              use a different file, delete this one and upload the new one.
            </p>
          ) : null}
          <form noValidate onSubmit={submit}>
            <TextInput id="title" label="Title" value={title} onChange={setTitle} error={form.errors.title} />
            {isLink ? (
              <TextInput
                id="url"
                label="Web address"
                hint="Starting with https:// or http://"
                value={url}
                onChange={setUrl}
                error={form.errors.url}
                spellCheck={false}
              />
            ) : null}
            <Textarea
              id="body"
              label="Description (optional)"
              value={body}
              onChange={setBody}
              error={form.errors.body}
              rows={4}
            />
            <CriteriaCheckboxes
              portfolio={portfolio}
              values={criterionIds}
              onChange={setCriterionIds}
              error={form.errors.criterionIds}
            />
            <Button busy={update.isPending}>Save changes</Button>
          </form>
          <DeleteEvidence portfolio={portfolio} evidence={evidence} onError={form.showFailure} />
        </div>
      </div>
    </>
  );
}

function EvidenceRoute({ portfolio, evidenceId }: { portfolio: PortfolioView; evidenceId: string }) {
  const evidence = portfolio.evidence.find((e) => e.id === evidenceId);
  if (!evidence) {
    return (
      <ProblemPage
        title="Evidence not found"
        message="This evidence is not in your portfolio. It may have been deleted."
      >
        <p>
          <Link to={portfolioPaths.overview(portfolio.enrolmentId)}>Go to your portfolio</Link>
        </p>
      </ProblemPage>
    );
  }
  if (!portfolio.editable) return <LockedPage portfolio={portfolio} title={`Change ${evidence.title}`} />;
  if (evidence.kind === "reflection") return <ReflectionEditor portfolio={portfolio} evidence={evidence} />;
  return <FileOrLinkForm portfolio={portfolio} evidence={evidence} />;
}

/** /learning/:enrolmentId/portfolio/evidence/:evidenceId: change or delete one piece of evidence. */
export function EvidencePage() {
  const { enrolmentId = "", evidenceId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Change evidence">
      {(portfolio) => <EvidenceRoute portfolio={portfolio} evidenceId={evidenceId} />}
    </PortfolioLoader>
  );
}
