import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type AnnotationCreateInput,
  ImportPreviewResultSchema,
  ImportResultSchema,
  MeasureAnnotationSchema,
  type MeasureCreateInput,
  MeasureDetailSchema,
  MeasureListSchema,
  MeasurePointSchema,
  MeasureSchema,
  type MeasureUpdateInput,
  type PointCreateInput,
  type PointUpdateInput,
} from "../../../../shared/measures";
import { type ImportRequest, sendImport } from "../../../components/measures/send-import";
import { apiRequest } from "../../../lib/api-client";

/** Query keys of measures; a change to a measure refreshes its page and its project's list. */
export const measureKeys = {
  all: ["measures"] as const,
  list: (projectId: string) => ["measures", "project", projectId] as const,
  detail: (measureId: string) => ["measures", "measure", measureId] as const,
};

const enc = encodeURIComponent;

/** GET /api/projects/:projectId/measures → the project's measures with latest values and icons. */
export function useProjectMeasures(projectId: string) {
  return useQuery({
    queryKey: measureKeys.list(projectId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/projects/${enc(projectId)}/measures`, { schema: MeasureListSchema, signal }),
  });
}

/** GET /api/measures/:measureId → the measure, its data, notes and analysis. */
export function useMeasure(measureId: string) {
  return useQuery({
    queryKey: measureKeys.detail(measureId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/measures/${enc(measureId)}`, { schema: MeasureDetailSchema, signal }),
  });
}

function useInvalidateMeasures() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: measureKeys.all });
}

/** POST /api/projects/:projectId/measures → the new measure. */
export function useCreateMeasure(projectId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (body: MeasureCreateInput) =>
      apiRequest("POST", `/api/projects/${enc(projectId)}/measures`, { body, schema: MeasureSchema }),
    onSuccess: invalidate,
  });
}

/** PATCH /api/measures/:measureId → the changed measure. */
export function useUpdateMeasure(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (body: MeasureUpdateInput) =>
      apiRequest("PATCH", `/api/measures/${enc(measureId)}`, { body, schema: MeasureSchema }),
    onSuccess: invalidate,
  });
}

/** DELETE /api/measures/:measureId. */
export function useDeleteMeasure(measureId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", `/api/measures/${enc(measureId)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: measureKeys.detail(measureId) });
      return queryClient.invalidateQueries({ queryKey: measureKeys.all });
    },
  });
}

/** POST /api/measures/:measureId/points → the new value. */
export function useAddPoint(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (body: PointCreateInput) =>
      apiRequest("POST", `/api/measures/${enc(measureId)}/points`, { body, schema: MeasurePointSchema }),
    onSuccess: invalidate,
  });
}

/** PATCH /api/measures/:measureId/points/:pointId → the changed value. */
export function useUpdatePoint(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: ({ pointId, body }: { pointId: string; body: PointUpdateInput }) =>
      apiRequest("PATCH", `/api/measures/${enc(measureId)}/points/${enc(pointId)}`, {
        body,
        schema: MeasurePointSchema,
      }),
    onSuccess: invalidate,
  });
}

/** DELETE /api/measures/:measureId/points/:pointId. */
export function useDeletePoint(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (pointId: string) =>
      apiRequest("DELETE", `/api/measures/${enc(measureId)}/points/${enc(pointId)}`),
    onSuccess: invalidate,
  });
}

/** POST /api/measures/:measureId/annotations → the new note. */
export function useAddAnnotation(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (body: AnnotationCreateInput) =>
      apiRequest("POST", `/api/measures/${enc(measureId)}/annotations`, {
        body,
        schema: MeasureAnnotationSchema,
      }),
    onSuccess: invalidate,
  });
}

/** DELETE /api/measures/:measureId/annotations/:annotationId. */
export function useDeleteAnnotation(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (annotationId: string) =>
      apiRequest("DELETE", `/api/measures/${enc(measureId)}/annotations/${enc(annotationId)}`),
    onSuccess: invalidate,
  });
}

/** POST /api/measures/:measureId/import/preview → what the import would do, row by row. */
export function usePreviewImport(measureId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      sendImport(`/api/measures/${enc(measureId)}/import/preview`, request, ImportPreviewResultSchema),
  });
}

/** POST /api/measures/:measureId/import → what the import did. */
export function useApplyImport(measureId: string) {
  const invalidate = useInvalidateMeasures();
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      sendImport(`/api/measures/${enc(measureId)}/import`, request, ImportResultSchema),
    onSuccess: invalidate,
  });
}
