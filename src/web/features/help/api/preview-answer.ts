import { useMutation } from "@tanstack/react-query";
import { HelpPreviewResultSchema } from "../../../../shared/help";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/help/preview {markdown} → {html}: the answer exactly as learners would see it. */
export function usePreviewAnswer() {
  return useMutation({
    mutationFn: (markdown: string) =>
      apiRequest("POST", "/api/help/preview", { body: { markdown }, schema: HelpPreviewResultSchema }),
  });
}
