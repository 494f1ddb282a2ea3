import { CPD_CERTIFICATE_STATUS_LABELS, type CpdCertificateStatus } from "../../../../shared/cpd";
import { Tag } from "../../../components/nhs";

const COLOURS: Record<CpdCertificateStatus, "green" | "grey" | "red" | "orange"> = {
  valid: "green",
  expired: "orange",
  revoked: "red",
  replaced: "grey",
};

/** A certificate's status as a tag, always with its words. */
export function CertificateTag({ status }: { status: CpdCertificateStatus }) {
  return <Tag modifier={COLOURS[status]}>{CPD_CERTIFICATE_STATUS_LABELS[status]}</Tag>;
}
