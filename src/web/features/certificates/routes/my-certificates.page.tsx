import { Link } from "react-router";
import type { MyCertificate } from "../../../../shared/certificates";
import { InsetText, SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useMyCertificates } from "../api/certificates";
import { CertificateStatusTag } from "../components/certificate-status-tag";

/** One certificate as a card: what it says, its status, and what the learner can do with it. */
function CertificateCard({ certificate: c }: { certificate: MyCertificate }) {
  const usable = c.status === "valid" || c.status === "expired";
  return (
    <div className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">{c.courseTitle}</h2>
        <p>
          <CertificateStatusTag status={c.status} />
        </p>
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Level</SummaryList.Key>
            <SummaryList.Value>
              {c.levelLabel}, {c.programmeTitle}
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Name on the certificate</SummaryList.Key>
            <SummaryList.Value>{c.certificateName}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Achieved</SummaryList.Key>
            <SummaryList.Value>{formatDate(c.achievedAt)}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>CPD points</SummaryList.Key>
            <SummaryList.Value>{c.cpdPoints}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>{c.status === "expired" ? "Expired" : "Valid until"}</SummaryList.Key>
            <SummaryList.Value>{c.expiresAt ? formatDate(c.expiresAt) : "Does not expire"}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Certificate code</SummaryList.Key>
            <SummaryList.Value>{c.code}</SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>
        {c.status === "expired" ? (
          <InsetText>
            <p>
              This certificate expired on {c.expiresAt ? formatDate(c.expiresAt) : "its expiry date"}, so
              anyone who checks it sees that it has expired. To refresh it, go over the course again and ask
              us to reassess you:
            </p>
            <ol>
              <li>
                <Link to={`/courses/${c.courseId}`}>
                  Look through {c.courseTitle}
                  <span className="nhsuk-u-visually-hidden"> to refresh your learning</span>
                </Link>{" "}
                for what has changed.
              </li>
              <li>
                <Link to="/help/contact">Contact us</Link> with your certificate code, {c.code}. We will
                arrange your reassessment and issue a new certificate when you achieve it.
              </li>
            </ol>
          </InsetText>
        ) : null}
        {c.status === "revoked" ? (
          <p>
            We revoked this certificate{c.revokedAt ? ` on ${formatDate(c.revokedAt)}` : ""} and emailed you
            why. If you think this is a mistake, <Link to="/help/contact">contact us</Link>.
          </p>
        ) : null}
        {c.status === "superseded" ? (
          <p>This certificate was replaced by a reissued one. Use the new certificate instead.</p>
        ) : null}
        {usable ? (
          <ul className="nhsuk-list">
            <li>
              <a href={c.pdfUrl} download>
                Download certificate<span className="nhsuk-u-visually-hidden"> for {c.courseTitle}</span>
              </a>{" "}
              (PDF)
            </li>
            <li>
              <Link to={`/verify/${c.code}`}>
                See what an employer sees<span className="nhsuk-u-visually-hidden"> for {c.courseTitle}</span>
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** /certificates: every certificate issued to me, with its status and a download. */
export function MyCertificatesPage() {
  const certificates = useMyCertificates();
  usePageTitle("Your certificates");
  if (certificates.isPending) return <LoadingPage title="Your certificates" />;
  if (certificates.isError)
    return <ProblemPage title="Your certificates" message={certificates.error.message} />;
  const list = certificates.data.certificates;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Your certificates</h1>
        {list.length === 0 ? (
          <>
            <p>You do not have any certificates yet.</p>
            <p>
              We issue a certificate when you achieve a course: for most courses, when you complete every
              step; for accredited levels, when you also pass the final assessment or have your portfolio
              passed.
            </p>
            <p>
              <Link to="/my-learning">Go to your learning</Link>
            </p>
          </>
        ) : (
          <>
            <p>
              Anyone you show a certificate to can check it is genuine with its code or QR code. They see your
              name, the course and its dates, and nothing else about you.
            </p>
            {list.map((c) => (
              <CertificateCard key={c.id} certificate={c} />
            ))}
          </>
        )}
      </div>
    </div>
  );
}
