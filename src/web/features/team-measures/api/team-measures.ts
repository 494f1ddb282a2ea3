import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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
  ImportPreviewResultSchema,
  ImportResultSchema,
  MeasurePointSchema,
  type PointCreateInput,
  type PointUpdateInput,
} from "../../../../shared/measures";
import { type ImportRequest, sendImport } from "../../../components/measures/send-import";
import { apiRequest } from "../../../lib/api-client";

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

/** POST …/import/preview → what the import would do, row by row. */
export function usePreviewTeamImport(measureId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      sendImport(
        `/api/implementation/team-measures/${enc(measureId)}/import/preview`,
        request,
        ImportPreviewResultSchema,
      ),
  });
}

/** POST …/import/apply → what the import did. */
export function useApplyTeamImport(measureId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      sendImport(
        `/api/implementation/team-measures/${enc(measureId)}/import/apply`,
        request,
        ImportResultSchema,
      ),
    onSuccess: invalidate,
  });
}
