import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CriteriaTree,
  CriteriaTreeSchema,
  type CriterionInput,
  type OutcomeInput,
  type UnitInput,
} from "../../../../shared/portfolios";
import { apiRequest } from "../../../lib/api-client";

/** Query key of a course's criteria tree. */
export function criteriaKey(courseId: string) {
  return ["portfolios", "criteria", courseId] as const;
}

const enc = encodeURIComponent;

/** GET /api/authoring/courses/:id/criteria → the course's units, outcomes and criteria. */
export function useCriteriaTree(courseId: string) {
  return useQuery({
    queryKey: criteriaKey(courseId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/authoring/courses/${enc(courseId)}/criteria`, {
        schema: CriteriaTreeSchema,
        signal,
      }),
  });
}

/** A change to the criteria: every answer is the whole tree, which replaces the cached one. */
function useCriteriaChange<V>(courseId: string, request: (variables: V) => Promise<CriteriaTree>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (tree) => queryClient.setQueryData(criteriaKey(courseId), tree),
  });
}

const send = (method: "POST" | "PUT" | "DELETE", path: string, body?: unknown) =>
  apiRequest(method, path, { ...(body === undefined ? {} : { body }), schema: CriteriaTreeSchema });

/** POST …/criteria/units */
export function useCreateUnit(courseId: string) {
  return useCriteriaChange(courseId, (input: UnitInput) =>
    send("POST", `/api/authoring/courses/${enc(courseId)}/criteria/units`, input),
  );
}
/** PUT /api/authoring/assessment-units/:unitId */
export function useUpdateUnit(courseId: string) {
  return useCriteriaChange(courseId, ({ unitId, input }: { unitId: string; input: UnitInput }) =>
    send("PUT", `/api/authoring/assessment-units/${enc(unitId)}`, input),
  );
}
/** DELETE /api/authoring/assessment-units/:unitId (409 once learners have mapped evidence under it) */
export function useDeleteUnit(courseId: string) {
  return useCriteriaChange(courseId, (unitId: string) =>
    send("DELETE", `/api/authoring/assessment-units/${enc(unitId)}`),
  );
}
/** PUT …/criteria/units/order */
export function useReorderUnits(courseId: string) {
  return useCriteriaChange(courseId, (ids: string[]) =>
    send("PUT", `/api/authoring/courses/${enc(courseId)}/criteria/units/order`, { ids }),
  );
}
/** POST /api/authoring/assessment-units/:unitId/outcomes */
export function useCreateOutcome(courseId: string) {
  return useCriteriaChange(courseId, ({ unitId, input }: { unitId: string; input: OutcomeInput }) =>
    send("POST", `/api/authoring/assessment-units/${enc(unitId)}/outcomes`, input),
  );
}
/** PUT /api/authoring/learning-outcomes/:outcomeId */
export function useUpdateOutcome(courseId: string) {
  return useCriteriaChange(courseId, ({ outcomeId, input }: { outcomeId: string; input: OutcomeInput }) =>
    send("PUT", `/api/authoring/learning-outcomes/${enc(outcomeId)}`, input),
  );
}
/** DELETE /api/authoring/learning-outcomes/:outcomeId */
export function useDeleteOutcome(courseId: string) {
  return useCriteriaChange(courseId, (outcomeId: string) =>
    send("DELETE", `/api/authoring/learning-outcomes/${enc(outcomeId)}`),
  );
}
/** PUT /api/authoring/assessment-units/:unitId/outcomes/order */
export function useReorderOutcomes(courseId: string) {
  return useCriteriaChange(courseId, ({ unitId, ids }: { unitId: string; ids: string[] }) =>
    send("PUT", `/api/authoring/assessment-units/${enc(unitId)}/outcomes/order`, { ids }),
  );
}
/** POST /api/authoring/learning-outcomes/:outcomeId/criteria */
export function useCreateCriterion(courseId: string) {
  return useCriteriaChange(courseId, ({ outcomeId, input }: { outcomeId: string; input: CriterionInput }) =>
    send("POST", `/api/authoring/learning-outcomes/${enc(outcomeId)}/criteria`, input),
  );
}
/** PUT /api/authoring/assessment-criteria/:criterionId */
export function useUpdateCriterion(courseId: string) {
  return useCriteriaChange(
    courseId,
    ({ criterionId, input }: { criterionId: string; input: CriterionInput }) =>
      send("PUT", `/api/authoring/assessment-criteria/${enc(criterionId)}`, input),
  );
}
/** DELETE /api/authoring/assessment-criteria/:criterionId */
export function useDeleteCriterion(courseId: string) {
  return useCriteriaChange(courseId, (criterionId: string) =>
    send("DELETE", `/api/authoring/assessment-criteria/${enc(criterionId)}`),
  );
}
/** PUT /api/authoring/learning-outcomes/:outcomeId/criteria/order */
export function useReorderCriteria(courseId: string) {
  return useCriteriaChange(courseId, ({ outcomeId, ids }: { outcomeId: string; ids: string[] }) =>
    send("PUT", `/api/authoring/learning-outcomes/${enc(outcomeId)}/criteria/order`, { ids }),
  );
}
