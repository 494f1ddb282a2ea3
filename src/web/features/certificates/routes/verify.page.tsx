import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { VerifyResult } from "../../../../shared/certificates";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { InsetText, SummaryList, WarningCallout } from "../../../components/nhs";
import { ConfirmationPanel } from "../../../components/panel";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useVerify } from "../api/certificates";
import { VerifyStatusTag } from "../components/certificate-status-tag";

const CODE_HINT = "It is printed on the certificate, under “Certificate code”, like QIA-7K3M-9Q2X-TR5B-HW4D.";

/** The form to type a code, on its own page (/verify) and under a result that was not found. */
function CodeForm({ initial = "", heading }: { initial?: string; heading?: string }) {
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const { errors, summary, showFieldErrors } = useFormErrors(["code"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = code.trim();
    if (showFieldErrors(typed ? {} : { code: "Enter the certificate code" })) return;
    void navigate(`/verify/${encodeURIComponent(typed)}`);
  };
  return (
    <>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <TextInput
          id="code"
          label={heading ?? "Certificate code"}
          hint={CODE_HINT}
          value={code}
          onChange={setCode}
          error={errors.code}
          spellCheck={false}
          autoComplete="off"
        />
        <Button>Check certificate</Button>
      </form>
    </>
  );
}

/** /verify: anyone, signed in or not, types a certificate code to check it. */
export function VerifyFormPage() {
  usePageTitle("Check a certificate");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Check a certificate</h1>
        <p>
          Check that a QI Academy certificate is genuine and still valid. You do not need an account. We show
          the name, course and dates printed on the certificate, and nothing else about the person.
        </p>
        <CodeForm />
      </div>
    </div>
  );
}

/** What the certificate says, as printed. */
function CertificateFacts({ result }: { result: VerifyResult }) {
  const c = result.certificate;
  if (!c) return null;
  return (
    <SummaryList>
      <SummaryList.Row>
        <SummaryList.Key>Status</SummaryList.Key>
        <SummaryList.Value>
          <VerifyStatusTag status={result.status} />
        </SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Certificate code</SummaryList.Key>
        <SummaryList.Value>{result.code}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Name</SummaryList.Key>
        <SummaryList.Value>{c.name}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>
          {c.kind === "project_recognition" ? "Improvement project" : "Course"}
        </SummaryList.Key>
        <SummaryList.Value>{c.courseTitle}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Level</SummaryList.Key>
        <SummaryList.Value>{c.levelLabel}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Programme</SummaryList.Key>
        <SummaryList.Value>{c.programmeTitle}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Issued</SummaryList.Key>
        <SummaryList.Value>{formatDate(c.issuedAt)}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>{result.status === "expired" ? "Expired" : "Valid until"}</SummaryList.Key>
        <SummaryList.Value>{c.expiresAt ? formatDate(c.expiresAt) : "Does not expire"}</SummaryList.Value>
      </SummaryList.Row>
    </SummaryList>
  );
}

function Result({ result, typed }: { result: VerifyResult; typed: string }) {
  const title = {
    valid: "This certificate is valid",
    expired: "This certificate has expired",
    revoked: "This certificate is no longer valid",
    not_found: "We could not find this certificate",
  }[result.status];
  usePageTitle(title);
  if (result.status === "valid") {
    return (
      <>
        <ConfirmationPanel title={title}>
          It is a genuine QI Academy certificate
          {result.certificate ? ` for ${result.certificate.name}` : ""}.
        </ConfirmationPanel>
        <CertificateFacts result={result} />
      </>
    );
  }
  if (result.status === "not_found") {
    return (
      <>
        <h1>{title}</h1>
        <p>
          There is no QI Academy certificate with the code{" "}
          <strong className="app-break-anywhere">{typed}</strong>.
        </p>
        <InsetText>
          <p>
            Check the code against the certificate: it has 16 letters and numbers after QIA, in groups of
            four. If the code is right and you still see this, the certificate is not one of ours.
          </p>
        </InsetText>
        <CodeForm initial={typed} heading="Try another code" />
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <WarningCallout>
        <WarningCallout.Heading headingLevel="h2">
          {result.status === "expired" ? "Expired" : result.revokedNote ? "Replaced" : "Revoked"}
        </WarningCallout.Heading>
        {result.status === "expired" ? (
          <p>
            This was a genuine QI Academy certificate, but its validity ended
            {result.certificate?.expiresAt ? ` on ${formatDate(result.certificate.expiresAt)}` : ""}. The
            holder can refresh their learning to get a new one.
          </p>
        ) : result.revokedNote ? (
          <p>
            This certificate was {result.revokedNote}
            {result.revokedAt ? ` on ${formatDate(result.revokedAt)}` : ""}. Ask the holder for their new
            certificate and check its code.
          </p>
        ) : (
          <p>
            QI Academy revoked this certificate{result.revokedAt ? ` on ${formatDate(result.revokedAt)}` : ""}
            . It no longer shows that the holder achieved this course.
          </p>
        )}
      </WarningCallout>
      <CertificateFacts result={result} />
    </>
  );
}

/** /verify/:code: the public answer for one code, signed in or not (the QR code on every certificate links here). */
export function VerifyResultPage() {
  const { code = "" } = useParams();
  const verify = useVerify(code);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <BackLink to="/verify">Check a different certificate</BackLink>
        {verify.data ? (
          <Result result={verify.data} typed={code} />
        ) : verify.isError ? (
          <VerifyProblem error={verify.error} />
        ) : (
          <Loading />
        )}
        <p>
          <Link to="/verify">Check another certificate</Link>
        </p>
      </div>
    </div>
  );
}

function Loading() {
  usePageTitle("Checking the certificate");
  return (
    <>
      <h1>Checking the certificate</h1>
      <p aria-live="polite">Checking…</p>
    </>
  );
}

function VerifyProblem({ error }: { error: Error }) {
  usePageTitle("Sorry, we could not check the certificate");
  return (
    <>
      <h1>Sorry, we could not check the certificate</h1>
      <p>{error.message}</p>
      {isApiError(error, 429) ? null : <p>Try again later.</p>}
    </>
  );
}
