/** Where the measure pages live, so links are built in one place. */
export const measurePaths = {
  project: (projectId: string) => `/projects/${projectId}`,
  create: (projectId: string) => `/projects/${projectId}/measures/new`,
  measure: (projectId: string, measureId: string) => `/projects/${projectId}/measures/${measureId}`,
  importData: (projectId: string, measureId: string) => `/projects/${projectId}/measures/${measureId}/import`,
  settings: (projectId: string, measureId: string) => `/projects/${projectId}/measures/${measureId}/settings`,
  addNote: (projectId: string, measureId: string) =>
    `/projects/${projectId}/measures/${measureId}/annotations/new`,
};
