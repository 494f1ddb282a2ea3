/** Where the team measure pages live, so links are built in one place. */
export const teamMeasurePaths = {
  team: (teamId: string) => `/implementation/teams/${teamId}`,
  list: (teamId: string) => `/implementation/teams/${teamId}/measures`,
  create: (teamId: string) => `/implementation/teams/${teamId}/measures/new`,
  measure: (measureId: string) => `/implementation/team-measures/${measureId}`,
  importData: (measureId: string) => `/implementation/team-measures/${measureId}/import`,
  settings: (measureId: string) => `/implementation/team-measures/${measureId}/settings`,
  board: (teamId: string) => `/implementation/teams/${teamId}/board`,
  boardSettings: (teamId: string) => `/implementation/teams/${teamId}/board/settings`,
  library: (programmeId: string) => `/manage/programmes/${programmeId}/measure-library`,
};
