import type { Sector } from "../../../shared/accounts.js";
import {
  type Catalogue,
  type CatalogueQuery,
  type CourseCard,
  type CourseDetail,
  formatPrice,
  LEVEL_ACCREDITATION,
  LEVEL_PATH,
  type Level,
  priceForSector,
  withVat,
} from "../../../shared/catalogue.js";
import type { Actor } from "../../platform/auth.js";
import type { Tx } from "../../platform/db.js";
import { notFound } from "../../platform/errors.js";
import * as repo from "./catalogue.repository.js";

/** The price a person sees: their own when signed in (their sector), otherwise the list price. */
function priceFor(level: Level, listPriceExVatPence: number, sector: Sector | null) {
  const exVatPence = sector ? priceForSector(level, listPriceExVatPence, sector) : listPriceExVatPence;
  const discounted = exVatPence !== listPriceExVatPence;
  return {
    exVatPence,
    withVatPence: withVat(exVatPence),
    free: exVatPence === 0,
    text: formatPrice(exVatPence),
    forSignedInLearner: sector !== null,
    note: discounted && level === "introductory" ? "Free for NHS England staff" : null,
  };
}

/** The columns a course card needs. */
interface CardSource {
  id: string;
  slug: string;
  title: string;
  level: Level;
  summary: string;
  listPriceExVatPence: number;
  accessMonths: number;
  cpdPoints: number;
}

/** A course as the catalogue and the top of its page show it, priced for the viewer's sector. */
function toCard(course: CardSource, sector: Sector | null): CourseCard {
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    level: course.level,
    summary: course.summary,
    priceExVatPence: course.listPriceExVatPence,
    price: priceFor(course.level, course.listPriceExVatPence, sector),
    accessMonths: course.accessMonths,
    cpdPoints: course.cpdPoints,
  };
}

/** The catalogue: published courses grouped by programme, priced for the viewer. Anyone may browse it. */
export async function getCatalogue(tx: Tx, viewer: Actor | null, query: CatalogueQuery): Promise<Catalogue> {
  const sector = viewer?.account.sector ?? null;
  const rows = await repo.listPublished(tx, query);
  const programmes = new Map<string, Catalogue["programmes"][number]>();
  let totalCourses = 0;
  for (const { programme, course } of rows) {
    const card = toCard(course, sector);
    if (query.free && !card.price.free) continue;
    let entry = programmes.get(programme.id);
    if (!entry) {
      entry = { ...programme, courses: [] };
      programmes.set(programme.id, entry);
    }
    entry.courses.push(card);
    totalCourses += 1;
  }
  return { programmes: [...programmes.values()], totalCourses };
}

/** One published course with everything its page shows; 404 for unknown or unpublished courses. */
export async function getCourse(tx: Tx, viewer: Actor | null, courseId: string): Promise<CourseDetail> {
  const found = await repo.getPublishedCourse(tx, courseId);
  if (!found) throw notFound("The course");
  const { course, programme } = found;
  const pathIndex = LEVEL_PATH.indexOf(course.level);
  const previousLevel = pathIndex > 0 ? LEVEL_PATH[pathIndex - 1] : undefined;
  const [modules, recommendedBefore] = await Promise.all([
    repo.listModules(tx, course.id),
    previousLevel ? repo.findPublishedAtLevel(tx, programme.id, previousLevel) : Promise.resolve(null),
  ]);
  return {
    ...toCard(course, viewer?.account.sector ?? null),
    programme: { id: programme.id, slug: programme.slug, title: programme.title, kind: programme.kind },
    whoFor: course.whoFor,
    outcomes: course.outcomes,
    prerequisites: course.prerequisites,
    accreditation: LEVEL_ACCREDITATION[course.level],
    priceIsIndicative: course.priceIsIndicative,
    recommendedBefore,
    modules,
  };
}
