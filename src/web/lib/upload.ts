import type { z } from "zod";
import { ErrorBodySchema } from "../../shared/errors";
import { ApiError } from "./api-client";

const SERVICE_PROBLEM = "Sorry, there is a problem with the service. Try again later.";

/**
 * POSTs multipart/form-data and resolves with the 201 body parsed by `schema`. XMLHttpRequest rather than fetch,
 * because only it reports upload progress; `onProgress` gets the percentage sent. Errors become ApiErrors with the
 * server's message, or words about the `thing` being sent ("file", "package") when the network or size fails.
 */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  schema: z.ZodType<T>,
  onProgress: (percent: number) => void,
  thing: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("accept", "application/json");
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener("error", () =>
      reject(
        new ApiError(
          0,
          "network_error",
          `The ${thing} could not be sent. Check your internet connection and try again.`,
        ),
      ),
    );
    request.addEventListener("load", () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        // Not JSON: handled below.
      }
      if (request.status === 201) {
        const parsed = schema.safeParse(payload);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(request.status, "unexpected_response", SERVICE_PROBLEM));
        return;
      }
      const error = ErrorBodySchema.safeParse(payload);
      if (error.success) {
        const { error: code, message, details, requestId } = error.data;
        reject(new ApiError(request.status, code, message, details ?? [], requestId));
      } else if (request.status === 413) {
        reject(
          new ApiError(413, "payload_too_large", `The ${thing} is too large. Make it smaller and try again.`),
        );
      } else {
        reject(new ApiError(request.status, "internal_error", SERVICE_PROBLEM));
      }
    });
    request.send(form);
  });
}
