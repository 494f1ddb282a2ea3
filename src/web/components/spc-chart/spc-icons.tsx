import type { SpcSummary } from "../../../shared/spc/types";

const BLUE = "#005EB8";
const LIGHT_BLUE = "#41B6E6";
const ORANGE = "#ED8B00";
const PURPLE = "#330072";
const GREY = "#768692";

/** Colour and letter of the variation icon (Making Data Count): H or L for a high or low special cause. */
function variationLook(variation: SpcSummary["variation"]): { colour: string; letter: string } {
  if (variation === "common_cause") return { colour: GREY, letter: "" };
  const [cause, side] = variation.split("_");
  const colour = cause === "improvement" ? LIGHT_BLUE : cause === "concern" ? ORANGE : PURPLE;
  return { colour, letter: side === "high" ? "H" : "L" };
}

/** Colour and letter of the assurance icon: P (consistently passes), F (consistently fails), ? (hit and miss). */
function assuranceLook(assurance: SpcSummary["assurance"]): { colour: string; letter: string } | null {
  switch (assurance) {
    case "consistently_met":
      return { colour: BLUE, letter: "P" };
    case "never_met":
      return { colour: ORANGE, letter: "F" };
    case "possibly_met":
      return { colour: GREY, letter: "?" };
    default:
      return null;
  }
}

function Icon({ colour, letter, wave }: { colour: string; letter: string; wave?: boolean }) {
  return (
    <svg
      width="44"
      height="44"
      viewBox="0 0 44 44"
      aria-hidden="true"
      focusable="false"
      style={{ flex: "none" }}
    >
      <circle cx="22" cy="22" r="19" fill="#FFFFFF" stroke={colour} strokeWidth="4" />
      {wave && (
        <path
          d="M9 24 C13 16, 17 16, 20 22 S27 30, 35 20"
          fill="none"
          stroke={colour}
          strokeWidth="2.5"
          strokeLinecap="round"
          opacity={letter ? 0.35 : 1}
        />
      )}
      {letter && (
        <text
          x="22"
          y="29"
          textAnchor="middle"
          fontSize="20"
          fontWeight="bold"
          fontFamily="Frutiger, Arial, sans-serif"
          fill={colour === LIGHT_BLUE ? BLUE : colour}
        >
          {letter}
        </text>
      )}
    </svg>
  );
}

/**
 * The variation and assurance icons in the spirit of Making Data Count, each beside the words it stands for, so the
 * icons are never the only signal.
 */
export function SpcIcons({ summary }: { summary: SpcSummary }) {
  const variation = variationLook(summary.variation);
  const assurance = assuranceLook(summary.assurance);
  return (
    <ul className="nhsuk-list app-spc-icons" style={{ display: "flex", flexWrap: "wrap", gap: "8px 24px" }}>
      <li style={{ display: "flex", alignItems: "center", gap: 8, marginBottom: 0 }}>
        <Icon colour={variation.colour} letter={variation.letter} wave />
        <span>
          <strong>Variation:</strong> {summary.variationText}
        </span>
      </li>
      <li style={{ display: "flex", alignItems: "center", gap: 8, marginBottom: 0 }}>
        {assurance && <Icon colour={assurance.colour} letter={assurance.letter} />}
        <span>
          <strong>Assurance:</strong> {summary.assuranceText}
        </span>
      </li>
    </ul>
  );
}
