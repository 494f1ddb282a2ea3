import { Link } from "react-router";
import type { CourseCard as CourseCardData } from "../../../../shared/catalogue";
import { accessWords, cpdWords } from "./catalogue-words";
import { LevelTags } from "./level-tags";

/** The address of a course's page. */
export function coursePath(id: string): string {
  return `/courses/${encodeURIComponent(id)}`;
}

/**
 * One course in the catalogue as an NHS clickable card: the heading link covers the whole card, so it is a
 * single tab stop named by the course title.
 */
export function CourseCard({ course }: { course: CourseCardData }) {
  return (
    <div className="nhsuk-card nhsuk-card--clickable">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">
          <Link className="nhsuk-card__link" to={coursePath(course.id)}>
            {course.title}
          </Link>
        </h3>
        <LevelTags level={course.level} free={course.price.free} />
        <p className="nhsuk-card__description">{course.summary}</p>
        <ul className="nhsuk-list nhsuk-body-s app-course-facts">
          <li>{`Price: ${course.price.text}`}</li>
          <li>{accessWords(course.accessMonths)}</li>
          {course.cpdPoints > 0 ? <li>{cpdWords(course.cpdPoints)}</li> : null}
        </ul>
      </div>
    </div>
  );
}
