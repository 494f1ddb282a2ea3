import { LEVELS, type Level } from "../../../../shared/catalogue";
import type { CatalogueFilters } from "../api/catalogue";

/** The most search words the API accepts (CatalogueQuerySchema); longer input is cut rather than refused. */
const MAX_QUERY_LENGTH = 200;

function isLevel(value: string): value is Level {
  return LEVELS.some((level) => level === value);
}

/**
 * Reads the catalogue filters from the page's address. Levels may repeat or be comma-separated, as the API
 * allows; unknown levels are dropped so a mistyped link still shows courses.
 */
export function readCatalogueFilters(params: URLSearchParams): CatalogueFilters {
  const wanted = new Set(
    params
      .getAll("level")
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter(isLevel),
  );
  const filters: CatalogueFilters = {
    levels: LEVELS.filter((level) => wanted.has(level)),
    free: params.get("free") === "true",
  };
  const q = params.get("q")?.trim().slice(0, MAX_QUERY_LENGTH);
  if (q) filters.q = q;
  const programme = params.get("programme")?.trim();
  if (programme) filters.programme = programme;
  return filters;
}

/** True when any filter or search words narrow the catalogue. */
export function isFiltered(filters: CatalogueFilters): boolean {
  return Boolean(filters.q || filters.programme || filters.levels.length > 0 || filters.free);
}
