import { Link } from "react-router";
import { HOUSE_MODULE_KIND_LABELS, type HouseModuleKind } from "../../../../shared/implementation";
import type { TeamHouse } from "../../../../shared/implementation-house";
import { BehindTag, housePaths, StatusTag, statusDatesInWords } from "./house-words";
import "./house.css";

type HouseModuleWithProgress = TeamHouse["modules"][number];

function Tile({ teamId, module }: { teamId: string; module: HouseModuleWithProgress }) {
  const { progress } = module;
  const dates = statusDatesInWords(progress);
  return (
    <li className={`app-house__tile${progress.behind ? " app-house__tile--behind" : ""}`}>
      <h4>
        <Link to={housePaths.module(teamId, module.id)}>
          {module.title}
          <span className="nhsuk-u-visually-hidden">: change its status</span>
        </Link>
      </h4>
      <p>
        {progress.sequence !== null ? (
          <span className="nhsuk-u-visually-hidden">Step {progress.sequence}. </span>
        ) : null}
        <StatusTag status={progress.status} />
        {progress.behind ? <BehindTag weeks={progress.weeksBehind} /> : null}
      </p>
      {dates ? <p>{dates}</p> : null}
    </li>
  );
}

function Floor({
  kind,
  teamId,
  modules,
  className,
}: {
  kind: HouseModuleKind;
  teamId: string;
  modules: HouseModuleWithProgress[];
  className: string;
}) {
  const heading = kind === "guide" ? "Guides" : `${HOUSE_MODULE_KIND_LABELS[kind]}s`;
  return (
    <section className={className} aria-label={heading}>
      <h3>{heading}</h3>
      {modules.length === 0 ? (
        <p>None in this house.</p>
      ) : (
        <ul className="app-house__tiles">
          {modules.map((module) => (
            <Tile key={module.id} teamId={teamId} module={module} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * A team's house drawn with CSS grid: the roof, process modules above the foundation modules, guides beside. The
 * markup reads in order (foundation first, as the sequence does); the grid only places it.
 */
export function HouseDrawing({ house }: { house: TeamHouse }) {
  const of = (kind: HouseModuleKind) => house.modules.filter((m) => m.kind === kind);
  return (
    <div className="app-house">
      <div className="app-house__roof">
        <h2>{house.programme.title}</h2>
      </div>
      <Floor
        kind="foundation"
        teamId={house.team.id}
        modules={of("foundation")}
        className="app-house__floor app-house__floor--foundation"
      />
      <Floor
        kind="process"
        teamId={house.team.id}
        modules={of("process")}
        className="app-house__floor app-house__floor--process"
      />
      <Floor kind="guide" teamId={house.team.id} modules={of("guide")} className="app-house__guides" />
    </div>
  );
}
