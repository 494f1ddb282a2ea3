import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TeamChoicesSchema } from "../../shared/organisations";
import { apiRequest } from "./api-client";

const teamPath = (userId: string | null) =>
  userId === null ? "/api/me/team" : `/api/admin/users/${encodeURIComponent(userId)}/team`;

/** GET /api/me/team, or /api/admin/users/:id/team for someone else: the team and the choices. */
export function useTeamChoices(userId: string | null) {
  return useQuery({
    queryKey: ["team", userId ?? "me"],
    queryFn: ({ signal }) => apiRequest("GET", teamPath(userId), { schema: TeamChoicesSchema, signal }),
  });
}

/** PUT the team (null: no team). */
export function useSetTeam(userId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (teamId: string | null) =>
      apiRequest("PUT", teamPath(userId), { body: { teamId }, schema: TeamChoicesSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["team", userId ?? "me"] }),
  });
}
