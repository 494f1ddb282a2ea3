import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import {
  type AdminCertificate,
  CERTIFICATE_REASON_MAX,
  CertificateRevokeSchema,
} from "../../../../shared/certificates";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList, Table } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { validateFields } from "../../../lib/form-errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAdminCertificate, useReissueCertificate, useRevokeCertificate } from "../api/certificates";
import { CertificateStatusTag } from "../components/certificate-status-tag";

type Announce = (heading: string, body: string) => void;

/** A reason and a button: revoking and reissuing both ask why. */
function ReasonForm({
  id,
  heading,
  intro,
  label,
  hint,
  button,
  variant,
  busy,
  onSubmit,
}: {
  id: string;
  heading: string;
  intro: string;
  label: string;
  hint: string;
  button: string;
  variant: "primary" | "warning" | "secondary";
  busy: boolean;
  onSubmit: (reason: string, showFailure: (error: unknown) => void, clear: () => void) => void;
}) {
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors([id]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (showFieldErrors(validateFields({ [id]: [CertificateRevokeSchema.shape.reason, reason] })) || busy)
      return;
    onSubmit(reason.trim(), showFailure, () => setReason(""));
  };
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p>{intro}</p>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <CharacterCount
          id={id}
          label={label}
          labelSize="s"
          hint={hint}
          value={reason}
          onChange={setReason}
          error={errors[id]}
          maxLength={CERTIFICATE_REASON_MAX}
          rows={3}
        />
        <Button variant={variant} busy={busy}>
          {button}
        </Button>
      </form>
    </section>
  );
}

function Actions({ certificate, announce }: { certificate: AdminCertificate; announce: Announce }) {
  const revoke = useRevokeCertificate(certificate.id);
  const reissue = useReissueCertificate(certificate.id);
  const nameChanged = certificate.currentCertificateName !== certificate.certificateName;
  return (
    <>
      <ReasonForm
        id="reissueReason"
        heading="Reissue this certificate"
        intro={
          nameChanged
            ? `The learner's certificate name is now “${certificate.currentCertificateName}”. A reissue prints that name under a new code; this certificate stops being valid and verification says it was replaced.`
            : `A reissue prints the learner's current certificate name (“${certificate.currentCertificateName}”, the same as now) under a new code; this certificate stops being valid and verification says it was replaced.`
        }
        label="Why are you reissuing it?"
        hint="For example, the learner corrected the spelling of their name. We email this to the learner."
        button="Reissue certificate"
        variant="secondary"
        busy={reissue.isPending}
        onSubmit={(reason, showFailure, clear) =>
          reissue.mutate(
            { reason },
            {
              onSuccess: (fresh) => {
                clear();
                announce(
                  "Certificate reissued",
                  `The new certificate ${fresh.code} is in ${fresh.certificateName}'s name. We have emailed the learner.`,
                );
              },
              onError: showFailure,
            },
          )
        }
      />
      <ReasonForm
        id="revokeReason"
        heading="Revoke this certificate"
        intro="Anyone who checks the code will see that it is no longer valid, with the date but not your reason."
        label="Why are you revoking it?"
        hint="We email this to the learner and keep it in the audit log."
        button="Revoke certificate"
        variant="warning"
        busy={revoke.isPending}
        onSubmit={(reason, showFailure, clear) =>
          revoke.mutate(
            { reason },
            {
              onSuccess: () => {
                clear();
                announce("Certificate revoked", "We have emailed the learner your reason.");
              },
              onError: showFailure,
            },
          )
        }
      />
    </>
  );
}

function CertificateDetails({ certificate: c }: { certificate: AdminCertificate }) {
  usePageTitle(`Certificate ${c.code}`);
  const [announcement, setAnnouncement] = useState<{ heading: string; body: string; n: number } | null>(null);
  const announce: Announce = (heading, body) =>
    setAnnouncement((a) => ({ heading, body, n: (a?.n ?? 0) + 1 }));
  return (
    <>
      <BackLink to="/admin/certificates">Certificates</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {announcement ? (
            <NotificationBanner key={announcement.n} heading={announcement.heading}>
              <p>{announcement.body}</p>
            </NotificationBanner>
          ) : null}
          <span className="nhsuk-caption-l">Certificate</span>
          <h1 className="app-break-anywhere">{c.code}</h1>
          <p>
            <CertificateStatusTag status={c.status} />
          </p>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Learner</SummaryList.Key>
              <SummaryList.Value>
                {c.learner.name}
                <br />
                <span className="app-break-anywhere">{c.learner.email}</span>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Name printed</SummaryList.Key>
              <SummaryList.Value>{c.certificateName}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Course</SummaryList.Key>
              <SummaryList.Value>
                {c.courseTitle}
                <br />
                {c.levelLabel}, {c.programmeTitle}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Achieved</SummaryList.Key>
              <SummaryList.Value>{formatDate(c.achievedAt)}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Issued</SummaryList.Key>
              <SummaryList.Value>{formatDate(c.issuedAt)}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Valid until</SummaryList.Key>
              <SummaryList.Value>
                {c.expiresAt ? formatDate(c.expiresAt) : "Does not expire"}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>CPD points</SummaryList.Key>
              <SummaryList.Value>{c.cpdPoints}</SummaryList.Value>
            </SummaryList.Row>
            {c.revokedAt ? (
              <SummaryList.Row>
                <SummaryList.Key>{c.status === "superseded" ? "Replaced" : "Revoked"}</SummaryList.Key>
                <SummaryList.Value>
                  {formatDateTime(c.revokedAt)}
                  {c.revokedBy ? ` by ${c.revokedBy}` : ""}
                  {c.revokedReason ? (
                    <p className="app-pre-wrap nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                      {c.revokedReason}
                    </p>
                  ) : null}
                </SummaryList.Value>
              </SummaryList.Row>
            ) : null}
            {c.replacedBy ? (
              <SummaryList.Row>
                <SummaryList.Key>Replaced by</SummaryList.Key>
                <SummaryList.Value>
                  <Link to={`/admin/certificates/${encodeURIComponent(c.replacedBy.id)}`}>
                    {c.replacedBy.code}
                  </Link>
                </SummaryList.Value>
              </SummaryList.Row>
            ) : null}
          </SummaryList>
          <ul className="nhsuk-list">
            <li>
              <a href={c.pdfUrl} download>
                Download the certificate
              </a>{" "}
              (PDF; recorded in the audit log)
            </li>
            <li>
              <Link to={`/verify/${c.code}`}>See what verification shows</Link>
            </li>
          </ul>
          {c.history.length > 1 ? (
            <Table caption="Every certificate for this achievement">
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Code</Table.Cell>
                  <Table.Cell>Name printed</Table.Cell>
                  <Table.Cell>Issued</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {c.history.map((h) => (
                  <Table.Row key={h.id}>
                    <Table.Cell>
                      {h.id === c.id ? (
                        h.code
                      ) : (
                        <Link to={`/admin/certificates/${encodeURIComponent(h.id)}`}>{h.code}</Link>
                      )}
                    </Table.Cell>
                    <Table.Cell>{h.certificateName}</Table.Cell>
                    <Table.Cell>{formatDate(h.issuedAt)}</Table.Cell>
                    <Table.Cell>
                      <CertificateStatusTag status={h.status} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          ) : null}
          {c.status === "valid" || c.status === "expired" ? (
            <Actions certificate={c} announce={announce} />
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /admin/certificates/:id: one certificate, its history, and revoke or reissue. */
export function AdminCertificatePage() {
  const { id = "" } = useParams();
  const certificate = useAdminCertificate(id);
  if (certificate.isPending) return <LoadingPage title="Certificate" />;
  if (certificate.isError)
    return (
      <ProblemPage
        title={
          isApiError(certificate.error, 404) || isApiError(certificate.error, 400)
            ? "Certificate not found"
            : "Certificate"
        }
        message={certificate.error.message}
      >
        <p>
          <Link to="/admin/certificates">Search for a certificate</Link>
        </p>
      </ProblemPage>
    );
  return <CertificateDetails certificate={certificate.data} />;
}
