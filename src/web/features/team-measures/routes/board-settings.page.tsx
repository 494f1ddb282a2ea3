import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { BOARD_MAX_MEASURES, type TeamMeasureListItem } from "../../../../shared/implementation-measures";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useSetBoard, useTeamMeasures } from "../api/team-measures";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";

function ChooseBoard({ teamId, measures }: { teamId: string; measures: TeamMeasureListItem[] }) {
  const navigate = useNavigate();
  const save = useSetBoard(teamId);
  const [chosen, setChosen] = useState<string[]>(() =>
    measures
      .filter((m) => m.onBoard)
      .sort((a, b) => a.boardPosition - b.boardPosition)
      .map((m) => m.id),
  );
  const [announcement, setAnnouncement] = useState("");
  const byId = new Map(measures.map((m) => [m.id, m]));
  const title = (id: string) => byId.get(id)?.title ?? "";
  const others = measures.filter((m) => !chosen.includes(m.id));
  const full = chosen.length >= BOARD_MAX_MEASURES;

  const move = (index: number, by: -1 | 1) => {
    const next = [...chosen];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    setChosen(next);
    setAnnouncement(`${title(item)} moved to position ${index + by + 1} of ${next.length}`);
  };

  return (
    <>
      <RequestErrorSummary error={save.error} />
      <h1>Choose the board's measures</h1>
      <p>
        The board shows up to {BOARD_MAX_MEASURES} measures, in the order below. Save to update the board.
      </p>
      <p className="nhsuk-u-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <h2>
        On the board ({chosen.length} of {BOARD_MAX_MEASURES})
      </h2>
      {chosen.length === 0 ? (
        <p>No measures yet. Add them from the list below.</p>
      ) : (
        <ol className="nhsuk-list nhsuk-list--number">
          {chosen.map((id, index) => (
            <li key={id} className="nhsuk-u-margin-bottom-3">
              <strong>{title(id)}</strong>
              <div className="nhsuk-button-group nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                {index > 0 ? (
                  <Button type="button" variant="secondary" small onClick={() => move(index, -1)}>
                    Move up<span className="nhsuk-u-visually-hidden"> {title(id)}</span>
                  </Button>
                ) : null}
                {index < chosen.length - 1 ? (
                  <Button type="button" variant="secondary" small onClick={() => move(index, 1)}>
                    Move down<span className="nhsuk-u-visually-hidden"> {title(id)}</span>
                  </Button>
                ) : null}
                <Button
                  type="button"
                  variant="secondary"
                  small
                  onClick={() => {
                    setChosen(chosen.filter((c) => c !== id));
                    setAnnouncement(`${title(id)} taken off the board`);
                  }}
                >
                  Take off the board<span className="nhsuk-u-visually-hidden">: {title(id)}</span>
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <h2>The team's other measures</h2>
      {others.length === 0 ? (
        <p>Every measure of the team is on the board.</p>
      ) : (
        <ul className="nhsuk-list">
          {others.map((m) => (
            <li key={m.id} className="nhsuk-u-margin-bottom-3">
              {m.title}{" "}
              <Button
                type="button"
                variant="secondary"
                small
                busy={full}
                onClick={() => {
                  if (full) {
                    setAnnouncement(
                      `The board already shows ${BOARD_MAX_MEASURES} measures. Take one off first.`,
                    );
                    return;
                  }
                  setChosen([...chosen, m.id]);
                  setAnnouncement(`${m.title} added to the board`);
                }}
              >
                Add to the board<span className="nhsuk-u-visually-hidden">: {m.title}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {full ? <p>The board is full. Take a measure off before adding another.</p> : null}
      <div className="nhsuk-button-group">
        <Button
          type="button"
          busy={save.isPending}
          onClick={() =>
            save.mutate(
              { measureIds: chosen },
              {
                onSuccess: () =>
                  navigate(teamMeasurePaths.board(teamId), { state: flash("The board has been updated") }),
              },
            )
          }
        >
          Save the board
        </Button>
        <Link className="nhsuk-link" to={teamMeasurePaths.board(teamId)}>
          Cancel
        </Link>
      </div>
    </>
  );
}

/** Choose which of the team's measures the board shows and in what order (the team's editors). */
export function BoardSettingsPage() {
  const { teamId = "" } = useParams();
  const query = useTeamMeasures(teamId);
  usePageTitle("Choose the board's measures");
  if (query.isPending) return <LoadingPage title="Choose the board's measures" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Team not found" : "You cannot see this team"}
        message={query.error.message}
      />
    );
  }
  const { team, measures, canEdit } = query.data;
  if (!canEdit) {
    return (
      <ProblemPage
        title="You cannot change this board"
        message="Only the team leader and the programme lead can choose the board's measures."
      >
        <p>
          <Link to={teamMeasurePaths.board(teamId)}>Back to the board</Link>
        </p>
      </ProblemPage>
    );
  }
  return (
    <>
      <TeamHeader team={team} />
      <ChooseBoard teamId={teamId} measures={measures} />
    </>
  );
}
