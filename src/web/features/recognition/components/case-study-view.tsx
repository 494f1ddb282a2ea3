import {
  type CaseStudyDocument,
  CaseStudyDocumentSchema,
  type CaseStudyDriverNode,
} from "../../../../shared/case-study";
import { formatCalendarDate } from "../../../../shared/cpd";
import {
  CASE_STUDY_SECTION_TEXT,
  CASE_STUDY_SECTIONS,
  DRIVER_NODE_KIND_LABELS,
  MEASURE_KIND_LABELS,
  PDSA_DECISION_LABELS,
} from "../../../../shared/projects";
import { SummaryList, Table } from "../../../components/nhs";
import { SpcChart } from "../../../components/spc-chart";

/** Reads a stored case-study document (snapshot or library content); null when it is not one. */
export function parseCaseStudy(value: unknown): CaseStudyDocument | null {
  const parsed = CaseStudyDocumentSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function DriverTree({ nodes }: { nodes: CaseStudyDriverNode[] }) {
  if (nodes.length === 0) return null;
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.id}>
          <strong>{DRIVER_NODE_KIND_LABELS[node.kind]}:</strong> {node.text}
          <DriverTree nodes={node.children} />
        </li>
      ))}
    </ul>
  );
}

/** Paragraphs of plain text as written (blank lines split paragraphs). */
function Prose({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <>
      {paragraphs.map((p, i) => (
        // Paragraphs have no identity beyond their order in a frozen text.
        // biome-ignore lint/suspicious/noArrayIndexKey: frozen text, order is the identity
        <p key={i} style={{ whiteSpace: "pre-line" }}>
          {p}
        </p>
      ))}
    </>
  );
}

/**
 * A case study read-only: the project's facts, the team when given (assessors; never in the library), the write-up's
 * sections, the driver diagram, the charts drawn from the frozen SPC results, and the PDSA cycles. Headings start at
 * h2 (the page has the h1).
 */
export function CaseStudyView({ document, showTeam }: { document: CaseStudyDocument; showTeam: boolean }) {
  const { project } = document;
  const aim = [
    project.aimWhat,
    project.aimHowMuch,
    project.aimByWhen ? `by ${formatCalendarDate(project.aimByWhen)}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Aim</SummaryList.Key>
          <SummaryList.Value>{aim || "Not given"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Problem</SummaryList.Key>
          <SummaryList.Value>{project.problem || "Not given"}</SummaryList.Value>
        </SummaryList.Row>
        {showTeam ? (
          <SummaryList.Row>
            <SummaryList.Key>Team</SummaryList.Key>
            <SummaryList.Value>
              {document.team.length === 0 ? (
                "Not given"
              ) : (
                <ul className="nhsuk-list">
                  {document.team.map((m) => (
                    <li key={`${m.name}-${m.role}`}>
                      {m.name} ({m.role === "lead" ? "lead" : "member"})
                      {m.responsibility ? `: ${m.responsibility}` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>

      {CASE_STUDY_SECTIONS.map((key) => (
        <section key={key}>
          <h2>{CASE_STUDY_SECTION_TEXT[key].heading}</h2>
          {document.sections[key].trim() ? <Prose text={document.sections[key]} /> : <p>Not written.</p>}
          {key === "methods" && document.driverDiagram.length > 0 ? (
            <>
              <h3>Driver diagram</h3>
              <p>Aim: {aim}</p>
              <DriverTree nodes={document.driverDiagram} />
            </>
          ) : null}
          {key === "methods" && document.pdsaCycles.length > 0 ? (
            <Table responsive caption="PDSA cycles">
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Cycle</Table.Cell>
                  <Table.Cell>Prediction</Table.Cell>
                  <Table.Cell>Study</Table.Cell>
                  <Table.Cell>Act</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {document.pdsaCycles.map((c) => (
                  <Table.Row key={c.id}>
                    <Table.Cell>
                      {c.title}
                      <br />
                      <span className="nhsuk-body-s">
                        From {formatCalendarDate(c.startsOn)}
                        {c.changeIdea ? `; change idea: ${c.changeIdea}` : ""}
                      </span>
                    </Table.Cell>
                    <Table.Cell>{c.prediction || "None recorded"}</Table.Cell>
                    <Table.Cell>{c.study || "None recorded"}</Table.Cell>
                    <Table.Cell>
                      {c.decision ? PDSA_DECISION_LABELS[c.decision] : "Not decided"}
                      {c.act ? <br /> : null}
                      {c.act}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          ) : null}
          {key === "results"
            ? document.charts.map((chart) => (
                <figure key={chart.measureId} className="nhsuk-u-margin-bottom-6">
                  <h3>{chart.title}</h3>
                  <p className="nhsuk-body-s">
                    {MEASURE_KIND_LABELS[chart.kind]}
                    {chart.definition ? `. ${chart.definition}` : ""}
                  </p>
                  <SpcChart
                    result={chart.result}
                    title={chart.title}
                    unit={chart.unit}
                    annotations={chart.annotations}
                    target={chart.target}
                    hideDownloads
                  />
                </figure>
              ))
            : null}
        </section>
      ))}
    </>
  );
}
