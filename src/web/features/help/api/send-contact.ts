import { useMutation } from "@tanstack/react-query";
import { SupportRequestCreatedSchema, type SupportRequestInput } from "../../../../shared/help";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/help/contact → 201 {reference}: the message is with the support team. */
export function useSendContact() {
  return useMutation({
    mutationFn: (body: SupportRequestInput) =>
      apiRequest("POST", "/api/help/contact", { body, schema: SupportRequestCreatedSchema }),
  });
}
