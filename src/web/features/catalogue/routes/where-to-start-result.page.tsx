import { Link, Navigate, useSearchParams } from "react-router";
import { LEVEL_AUDIENCE, LEVEL_LABELS, LEVEL_PATH, recommendLevel } from "../../../../shared/catalogue";
import { ActionLink, BackLink } from "../../../components/links";
import { usePageTitle } from "../../../lib/page-title";
import { catalogueSearch } from "../api/catalogue";
import { readStartingPoint, type StartingPoint } from "../components/starting-point";

/** The suggestion for one answer: the level, who it is for, and the way to its courses. */
function Suggestion({ point }: { point: StartingPoint }) {
  const level = recommendLevel(point.value);
  const label = LEVEL_LABELS[level];
  usePageTitle(`We suggest ${label}`);
  const changeTo = `/where-to-start?answer=${encodeURIComponent(point.value)}`;
  return (
    <>
      <BackLink to={changeTo} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>We suggest {label}</h1>
          <p className="nhsuk-lede-text">
            You said: “{point.label}”. {label} is for {LEVEL_AUDIENCE[level].toLowerCase()}.
          </p>
          <p>
            This is a suggestion, not a rule: you can choose any level. Each programme's levels build on one
            another, in this order:
          </p>
          <ol>
            {LEVEL_PATH.map((step) => (
              <li key={step}>
                {step === level ? (
                  <strong>{LEVEL_LABELS[step]} (suggested for you)</strong>
                ) : (
                  LEVEL_LABELS[step]
                )}
              </li>
            ))}
          </ol>
          <ActionLink to={`/courses${catalogueSearch({ levels: [level], free: false })}`}>
            See {label} courses
          </ActionLink>
          <p>
            <Link to={changeTo}>Change your answer</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** /where-to-start/result?answer=…: the suggested level, or back to the question if the answer is not valid. */
export function WhereToStartResultPage() {
  const [params] = useSearchParams();
  const point = readStartingPoint(params.get("answer"));
  if (!point) return <Navigate to="/where-to-start" replace />;
  return <Suggestion point={point} />;
}
