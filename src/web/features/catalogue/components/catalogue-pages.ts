import type { Catalogue } from "../../../../shared/catalogue";

/** Courses shown on one page of results. */
export const CATALOGUE_PAGE_SIZE = 20;

/** One programme as the catalogue returns it. */
type CatalogueProgramme = Catalogue["programmes"][number];

/** One page of the catalogue: which courses, still grouped by programme, and where they sit in the whole. */
export interface CataloguePage {
  /** The page shown, kept between 1 and the last page. */
  page: number;
  programmes: CatalogueProgramme[];
  /** 1-based positions of the first and last course shown. */
  from: number;
  to: number;
}

/**
 * Cuts the catalogue into pages of CATALOGUE_PAGE_SIZE courses, keeping each page's courses under their
 * programmes. The API answers with every matching course, so paging happens here.
 */
export function cataloguePage(catalogue: Catalogue, requestedPage: number): CataloguePage {
  const total = catalogue.programmes.reduce((sum, programme) => sum + programme.courses.length, 0);
  const pageCount = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const start = (page - 1) * CATALOGUE_PAGE_SIZE;
  const end = start + CATALOGUE_PAGE_SIZE;

  const programmes: CatalogueProgramme[] = [];
  let index = 0;
  for (const programme of catalogue.programmes) {
    const first = index;
    index += programme.courses.length;
    const courses = programme.courses.slice(Math.max(0, start - first), Math.max(0, end - first));
    if (courses.length > 0) programmes.push({ ...programme, courses });
  }
  return { page, programmes, from: Math.min(start + 1, total), to: Math.min(end, total) };
}

/** The page number in the address, or 1 when it is missing or not a whole number. */
export function readPageNumber(value: string | null): number {
  const page = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}
