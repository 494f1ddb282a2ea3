import {
  LIBRARY_PAGE_SIZE,
  type LibraryEntry,
  type LibraryItem,
  type LibraryPage,
  type LibrarySearchQuery,
} from "../../../shared/library.js";
import type { MeasureKind } from "../../../shared/projects.js";
import type { Db } from "../../platform/db.js";
import { notFound } from "../../platform/errors.js";
import * as repo from "./library.repository.js";

type ListRow = Awaited<ReturnType<typeof repo.search>>["rows"][number];

function item(row: ListRow): LibraryItem {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    setting: row.setting,
    topic: row.topic,
    // Written by the recognition service from MEASURE_KINDS only.
    measureKinds: row.measureKinds as MeasureKind[],
    organisationName: row.organisationName,
    authors: row.authors,
    publishedAt: row.publishedAt.toISOString(),
  };
}

/** The public case-study library: search and read, with no sign-in and nothing personal beyond consenting authors. */
export function createLibraryService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** One page of recognised case studies matching the words and filters, newest first. */
    async search(query: LibrarySearchQuery): Promise<LibraryPage> {
      const { rows, total } = await repo.search(
        db,
        query,
        LIBRARY_PAGE_SIZE,
        (query.page - 1) * LIBRARY_PAGE_SIZE,
      );
      return { items: rows.map(item), total, page: query.page, pageSize: LIBRARY_PAGE_SIZE };
    },

    /** One published case study. */
    async get(id: string): Promise<LibraryEntry> {
      const row = await repo.getEntry(db, id);
      if (!row) throw notFound("The case study");
      return { ...item(row), content: row.content };
    },
  };
}
