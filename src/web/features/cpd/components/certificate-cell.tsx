import { Link } from "react-router";
import type { CpdCertificateStatus } from "../../../../shared/cpd";
import { formatDate } from "../../../lib/format";
import { CertificateTag } from "./certificate-tag";
import { certificatePdfPath, verifyPath } from "./cpd-paths";

/**
 * A course's certificate in a table: its status tag, its code linking to the public check page, and, while it stands
 * (valid or expired), a download of the certificate itself.
 */
export function CertificateCell({
  certificate,
  courseTitle,
}: {
  certificate: { id: string; code: string; status: CpdCertificateStatus; expiresOn: string | null } | null;
  courseTitle: string;
}) {
  if (!certificate) return <>Not issued</>;
  const stands = certificate.status === "valid" || certificate.status === "expired";
  return (
    <>
      <CertificateTag status={certificate.status} />{" "}
      <Link to={verifyPath(certificate.code)}>
        <span className="nhsuk-u-visually-hidden">Check certificate </span>
        {certificate.code}
        <span className="nhsuk-u-visually-hidden"> for {courseTitle}</span>
      </Link>
      {certificate.expiresOn && certificate.status === "valid" ? (
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          <br />
          Valid until {formatDate(certificate.expiresOn)}
        </span>
      ) : null}
      {stands ? (
        <>
          <br />
          <a href={certificatePdfPath(certificate.id)} download>
            Download certificate<span className="nhsuk-u-visually-hidden"> for {courseTitle}</span>
          </a>{" "}
          (PDF)
        </>
      ) : null}
    </>
  );
}
