import { useMutation } from "@tanstack/react-query";
import { PreviewSchema } from "../../../../shared/authoring";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/authoring/preview {markdown} → {html}: the sanitised HTML learners will see. */
export function usePreview() {
  return useMutation({
    mutationFn: (markdown: string) =>
      apiRequest("POST", "/api/authoring/preview", { body: { markdown }, schema: PreviewSchema }),
  });
}
