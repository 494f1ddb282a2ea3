import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import type { BoardMeasure, TeamBoard } from "../../../../shared/implementation-measures";
import { IMPROVEMENT_DIRECTION_LABELS } from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { SpcIcons } from "../../../components/spc-chart";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useTeamBoard } from "../api/team-measures";
import { MiniChart } from "../components/mini-chart";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";
import { withUnit } from "../components/words";

type Paper = "A3" | "A4";

/** The board's own styles: the card grid, the full-screen large-type layout, and the printed page for the wall. */
function boardStyles(paper: Paper): string {
  return `
.app-board-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; margin: 0; padding: 0; list-style: none; }
.app-board-card { border: 1px solid #d8dde0; border-top: 4px solid #005eb8; background: #fff; padding: 16px; margin: 0; }
.app-board-card h2 { font-size: 1.25rem; margin-bottom: 8px; }
.app-board-latest { font-size: 2rem; font-weight: 600; line-height: 1.2; margin-bottom: 4px; }
.app-board-card .app-spc-icons { font-size: 0.875rem; }
.app-board:fullscreen { background: #f0f4f5; padding: 32px; overflow: auto; }
.app-board--large .app-board-grid { grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 24px; }
.app-board--large .app-board-card h2 { font-size: 1.75rem; }
.app-board--large .app-board-latest { font-size: 3rem; }
.app-board--large p, .app-board--large .app-spc-icons { font-size: 1.25rem; }
@page { size: ${paper} landscape; margin: 10mm; }
@media print {
  header, footer, nav, .nhsuk-header, .nhsuk-footer, .nhsuk-skip-link, .nhsuk-breadcrumb, .nhsuk-back-link,
  .app-board-controls, .app-no-print { display: none !important; }
  .nhsuk-width-container, .nhsuk-main-wrapper { max-width: none !important; margin: 0 !important; padding: 0 !important; }
  .app-board-grid { grid-template-columns: repeat(${paper === "A3" ? 4 : 3}, 1fr) !important; gap: 8mm; }
  .app-board-card { break-inside: avoid; }
}
`;
}

/** The team's module dates with one measure's rebases ("Limits recalculated"), in date order, for its small chart. */
function withRebases(annotations: TeamBoard["annotations"], rebaseOn: string[]): TeamBoard["annotations"] {
  if (rebaseOn.length === 0) return annotations;
  const rebases = rebaseOn.map((date) => ({ date, label: "Limits recalculated", kind: "rebase" as const }));
  return [...annotations, ...rebases].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function Card({
  measure,
  annotations,
  large,
}: {
  measure: BoardMeasure;
  annotations: TeamBoard["annotations"];
  large: boolean;
}) {
  return (
    <li className="app-board-card">
      <h2>
        <Link to={teamMeasurePaths.measure(measure.id)}>{measure.title}</Link>
      </h2>
      {measure.latest ? (
        <>
          <p className="app-board-latest">{withUnit(measure.latest.value, measure.unit)}</p>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
            Latest value, {formatCalendarDate(measure.latest.date)}
          </p>
        </>
      ) : (
        <p>No values yet.</p>
      )}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
        {measure.target !== null ? `Target: ${withUnit(measure.target, measure.unit)}. ` : "No target. "}
        {IMPROVEMENT_DIRECTION_LABELS[measure.improvementDirection]}.
        {measure.rebaseOn.length > 0
          ? ` Limits recalculated from ${measure.rebaseOn.map(formatCalendarDate).join(", ")}.`
          : ""}
      </p>
      {measure.summary ? (
        <>
          <SpcIcons summary={measure.summary} />
          <MiniChart
            result={{ points: measure.points, summary: measure.summary }}
            title={`${measure.title}: chart`}
            unit={measure.unit}
            annotations={withRebases(annotations, measure.rebaseOn)}
            target={measure.target}
            large={large}
          />
        </>
      ) : null}
    </li>
  );
}

/**
 * "Knowing how we are doing": the team's chosen measures on one page, each with its latest value, target, variation
 * and assurance and a small chart; printable on A3 or A4 for the team's wall and viewable full screen.
 */
export function TeamBoardPage() {
  const { teamId = "" } = useParams();
  const query = useTeamBoard(teamId);
  const boardRef = useRef<HTMLDivElement>(null);
  const [paper, setPaper] = useState<Paper>("A3");
  const [fullScreen, setFullScreen] = useState(false);
  const [fullScreenError, setFullScreenError] = useState<string | null>(null);
  usePageTitle(
    query.data ? `Knowing how we are doing – ${query.data.team.name}` : "Knowing how we are doing",
  );

  useEffect(() => {
    const follow = () =>
      setFullScreen(document.fullscreenElement !== null && document.fullscreenElement === boardRef.current);
    document.addEventListener("fullscreenchange", follow);
    return () => document.removeEventListener("fullscreenchange", follow);
  }, []);

  if (query.isPending) return <LoadingPage title="Knowing how we are doing" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Team not found" : "You cannot see this team's board"}
        message={query.error.message}
      />
    );
  }
  const { team, measures, annotations, canEdit } = query.data;

  const enterFullScreen = async () => {
    setFullScreenError(null);
    const element = boardRef.current;
    if (!element || typeof element.requestFullscreen !== "function") {
      setFullScreenError(
        "Your browser cannot show the board full screen. Try another browser, or press F11.",
      );
      return;
    }
    try {
      await element.requestFullscreen();
    } catch {
      setFullScreenError("The board could not be shown full screen. Try again, or press F11.");
    }
  };

  return (
    <>
      <style>{boardStyles(paper)}</style>
      <TeamHeader team={team} />
      <div className="app-board-controls">
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Print or show full screen</span>
          </summary>
          <div className="nhsuk-details__text">
            <Radios
              name="paper"
              legend="Paper size"
              legendSize="s"
              small
              value={paper}
              onChange={(value) => setPaper(value === "A4" ? "A4" : "A3")}
              options={[
                { value: "A3", label: "A3 landscape", hint: "Four cards across, for the team's wall." },
                { value: "A4", label: "A4 landscape", hint: "Three cards across." },
              ]}
            />
            <div className="nhsuk-button-group">
              <Button type="button" variant="secondary" onClick={() => window.print()}>
                Print for the team's wall
              </Button>
              <Button type="button" variant="secondary" onClick={() => void enterFullScreen()}>
                View full screen
              </Button>
            </div>
            {fullScreenError ? (
              <p className="nhsuk-error-message" role="alert">
                <span className="nhsuk-u-visually-hidden">Error:</span> {fullScreenError}
              </p>
            ) : null}
          </div>
        </details>
        {canEdit ? (
          <p>
            <Link to={teamMeasurePaths.boardSettings(team.id)}>Choose the board's measures</Link>
          </p>
        ) : null}
      </div>
      <div ref={boardRef} className={`app-board${fullScreen ? " app-board--large" : ""}`}>
        <span className="nhsuk-caption-l">{team.name}</span>
        <h1>Knowing how we are doing</h1>
        {fullScreen ? (
          <p className="app-no-print">
            Press Escape to leave full screen.{" "}
            <Button type="button" variant="secondary" small onClick={() => void document.exitFullscreen()}>
              Leave full screen
            </Button>
          </p>
        ) : null}
        {measures.length === 0 ? (
          <p>
            The board has no measures yet.{" "}
            {canEdit ? (
              <Link to={teamMeasurePaths.boardSettings(team.id)}>Choose up to 12 measures</Link>
            ) : null}
          </p>
        ) : (
          <ul className="app-board-grid">
            {measures.map((m) => (
              <Card key={m.id} measure={m} annotations={annotations} large={fullScreen} />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
