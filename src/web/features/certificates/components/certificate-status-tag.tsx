import {
  CERTIFICATE_STATUS_LABELS,
  type CertificateStatus,
  VERIFY_STATUS_LABELS,
  type VerifyStatus,
} from "../../../../shared/certificates";
import { Tag } from "../../../components/nhs";

const MODIFIERS: Record<CertificateStatus | VerifyStatus, "green" | "red" | "orange" | "grey"> = {
  valid: "green",
  expired: "orange",
  revoked: "red",
  superseded: "grey",
  not_found: "grey",
};

/** A certificate's status as a tag: always in words, never colour alone. */
export function CertificateStatusTag({ status }: { status: CertificateStatus }) {
  return <Tag modifier={MODIFIERS[status]}>{CERTIFICATE_STATUS_LABELS[status]}</Tag>;
}

/** A verification answer's status as a tag. */
export function VerifyStatusTag({ status }: { status: VerifyStatus }) {
  return <Tag modifier={MODIFIERS[status]}>{VERIFY_STATUS_LABELS[status]}</Tag>;
}
