import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ErrorBodySchema } from "../../../../shared/errors";
import {
  type BoardUpdateInput,
  type LibraryItemCreateInput,
  LibraryItemSchema,
  type LibraryItemUpdateInput,
  MeasureLibrarySchema,
  TeamBoardSchema,
  type TeamMeasureCreateInput,
  TeamMeasureDetailSchema,
  TeamMeasureListSchema,
  TeamMeasureSchema,
  type TeamMeasureUpdateInput,
} from "../../../../shared/implementation-measures";
import {
  type ImportOptions,
  ImportPreviewResultSchema,
  ImportResultSchema,
  MeasurePointSchema,
  type PointCreateInput,
  type PointUpdateInput,
} from "../../../../shared/measures";
import { ApiError, apiRequest } from "../../../lib/api-client";

/** Query keys; any change to a team's measures refreshes its list, measure pages and board. */
export const teamMeasureKeys = {
  all: ["team-measures"] as const,
  list: (teamId: string) => ["team-measures", "team", teamId] as const,
  detail: (measureId: string) => ["team-measures", "measure", measureId] as const,
  board: (teamId: string) => ["team-measures", "board", teamId] as const,
  library: (programmeId: string) => ["team-measures", "library", programmeId] as const,
};

const enc = encodeURIComponent;

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: teamMeasureKeys.all });
}

/** GET /api/programmes/:id/measure-library → the library grouped by module. */
export function useMeasureLibrary(programmeId: string | undefined) {
  return useQuery({
    queryKey: teamMeasureKeys.library(programmeId ?? ""),
    enabled: Boolean(programmeId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/programmes/${enc(programmeId ?? "")}/measure-library`, {
        schema: MeasureLibrarySchema,
        signal,
      }),
  });
}

/** POST /api/manage/programmes/:id/measure-library → the new library measure. */
export function useAddLibraryItem(programmeId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: LibraryItemCreateInput) =>
      apiRequest("POST", `/api/manage/programmes/${enc(programmeId)}/measure-library`, {
        body,
        schema: LibraryItemSchema,
      }),
    onSuccess: invalidate,
  });
}

/** PATCH /api/manage/measure-library/:itemId → the changed library measure. */
export function useUpdateLibraryItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: LibraryItemUpdateInput }) =>
      apiRequest("PATCH", `/api/manage/measure-library/${enc(itemId)}`, { body, schema: LibraryItemSchema }),
    onSuccess: invalidate,
  });
}

/** DELETE /api/manage/measure-library/:itemId. */
export function useDeleteLibraryItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (itemId: string) => apiRequest("DELETE", `/api/manage/measure-library/${enc(itemId)}`),
    onSuccess: invalidate,
  });
}

/** GET /api/implementation/teams/:teamId/measures → the team's measures with latest values and icons. */
export function useTeamMeasures(teamId: string) {
  return useQuery({
    queryKey: teamMeasureKeys.list(teamId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/teams/${enc(teamId)}/measures`, {
        schema: TeamMeasureListSchema,
        signal,
      }),
  });
}

/** POST /api/implementation/teams/:teamId/measures → the new measure. */
export function useAddTeamMeasure(teamId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TeamMeasureCreateInput) =>
      apiRequest("POST", `/api/implementation/teams/${enc(teamId)}/measures`, {
        body,
        schema: TeamMeasureSchema,
      }),
    onSuccess: invalidate,
  });
}

/** GET /api/implementation/team-measures/:measureId → the measure, its values, analysis and module dates. */
export function useTeamMeasure(measureId: string) {
  return useQuery({
    queryKey: teamMeasureKeys.detail(measureId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/team-measures/${enc(measureId)}`, {
        schema: TeamMeasureDetailSchema,
        signal,
      }),
  });
}

/** PATCH /api/implementation/team-measures/:measureId → the changed measure. */
export function useUpdateTeamMeasure(measureId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TeamMeasureUpdateInput) =>
      apiRequest("PATCH", `/api/implementation/team-measures/${enc(measureId)}`, {
        body,
        schema: TeamMeasureSchema,
      }),
    onSuccess: invalidate,
  });
}

/** DELETE /api/implementation/team-measures/:measureId. */
export function useDeleteTeamMeasure(measureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", `/api/implementation/team-measures/${enc(measureId)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: teamMeasureKeys.detail(measureId) });
      return queryClient.invalidateQueries({ queryKey: teamMeasureKeys.all });
    },
  });
}

/** POST …/points → the new value. */
export function useAddTeamPoint(measureId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: PointCreateInput) =>
      apiRequest("POST", `/api/implementation/team-measures/${enc(measureId)}/points`, {
        body,
        schema: MeasurePointSchema,
      }),
    onSuccess: invalidate,
  });
}

/** PATCH …/points/:pointId → the changed value. */
export function useUpdateTeamPoint(measureId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ pointId, body }: { pointId: string; body: PointUpdateInput }) =>
      apiRequest("PATCH", `/api/implementation/team-measures/${enc(measureId)}/points/${enc(pointId)}`, {
        body,
        schema: MeasurePointSchema,
      }),
    onSuccess: invalidate,
  });
}

/** DELETE …/points/:pointId. */
export function useDeleteTeamPoint(measureId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (pointId: string) =>
      apiRequest("DELETE", `/api/implementation/team-measures/${enc(measureId)}/points/${enc(pointId)}`),
    onSuccess: invalidate,
  });
}

/** GET /api/implementation/teams/:teamId/board → the board's cards in order. */
export function useTeamBoard(teamId: string) {
  return useQuery({
    queryKey: teamMeasureKeys.board(teamId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/implementation/teams/${enc(teamId)}/board`, {
        schema: TeamBoardSchema,
        signal,
      }),
  });
}

/** PUT /api/implementation/teams/:teamId/board → the board as saved. */
export function useSetBoard(teamId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: BoardUpdateInput) =>
      apiRequest("PUT", `/api/implementation/teams/${enc(teamId)}/board`, { body, schema: TeamBoardSchema }),
    onSuccess: invalidate,
  });
}

/** Pasted text, or a CSV file chosen on the page. */
export type ImportData = { text: string } | { file: File };

/** Sends an import as JSON (pasted) or multipart (a file), parsing the answer with `schema`. */
async function sendImport<T>(url: string, data: ImportData, options: ImportOptions, schema: z.ZodType<T>) {
  const init: RequestInit = {
    method: "POST",
    credentials: "same-origin",
    headers: { accept: "application/json" },
  };
  if ("text" in data) {
    init.headers = { accept: "application/json", "content-type": "application/json" };
    init.body = JSON.stringify({ text: data.text, ...options });
  } else {
    const form = new FormData();
    form.append("mode", options.mode);
    form.append("onExisting", options.onExisting);
    form.append("file", data.file);
    init.body = form;
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "We could not reach QI Academy. Check your internet connection and try again.",
    );
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON: handled below.
  }
  if (response.ok) {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    throw new ApiError(
      response.status,
      "unexpected_response",
      "Sorry, there is a problem with the service. Try again later.",
    );
  }
  const error = ErrorBodySchema.safeParse(payload);
  if (error.success) {
    const { error: code, message, details, requestId } = error.data;
    throw new ApiError(response.status, code, message, details ?? [], requestId);
  }
  if (response.status === 413) {
    throw new ApiError(
      413,
      "payload_too_large",
      "The file is larger than 2 MB. Split it into smaller files.",
    );
  }
  throw new ApiError(
    response.status,
    "internal_error",
    "Sorry, there is a problem with the service. Try again later.",
  );
}

/** POST …/import/preview → what the import would do, row by row. */
export function usePreviewTeamImport(measureId: string) {
  return useMutation({
    mutationFn: ({ data, options }: { data: ImportData; options: ImportOptions }) =>
      sendImport(
        `/api/implementation/team-measures/${enc(measureId)}/import/preview`,
        data,
        options,
        ImportPreviewResultSchema,
      ),
  });
}

/** POST …/import/apply → what the import did. */
export function useApplyTeamImport(measureId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ data, options }: { data: ImportData; options: ImportOptions }) =>
      sendImport(
        `/api/implementation/team-measures/${enc(measureId)}/import/apply`,
        data,
        options,
        ImportResultSchema,
      ),
    onSuccess: invalidate,
  });
}
