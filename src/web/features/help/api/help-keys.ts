/** Query keys of the help centre; everything under ["help"] is refreshed when an editor changes an answer. */
export const helpKeys = {
  all: ["help"] as const,
  index: (q: string) => ["help", "index", q] as const,
  article: (slug: string) => ["help", "article", slug] as const,
  managedList: ["help", "manage", "list"] as const,
  managed: (id: string) => ["help", "manage", "one", id] as const,
};
