import { useParams } from "react-router";
import {
  MEASURE_KIND_LABELS,
  PROJECT_SETTING_LABELS,
  PROJECT_TOPIC_LABELS,
} from "../../../../shared/projects";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useLibraryEntry } from "../api/recognition";
import { CaseStudyView, parseCaseStudy } from "../components/case-study-view";

/** /case-studies/:id: one recognised case study with its charts (public; authors only where they agreed). */
export function LibraryEntryPage() {
  const { id = "" } = useParams();
  const query = useLibraryEntry(id);
  usePageTitle(query.data?.title ?? "Case study");
  if (query.isPending) return <LoadingPage title="Case study" />;
  if (query.isError) return <ProblemPage title="Case study" message={query.error.message} />;
  const entry = query.data;
  const document = parseCaseStudy(entry.content);
  return (
    <>
      <Breadcrumbs items={[{ to: "/case-studies", text: "Case-study library" }]} />
      <h1>{entry.title}</h1>
      <p className="nhsuk-lede-text">{entry.summary}</p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Authors</SummaryList.Key>
          <SummaryList.Value>
            {entry.authors.length > 0 ? entry.authors.join(", ") : "Not named"}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Organisation</SummaryList.Key>
          <SummaryList.Value>{entry.organisationName ?? "Not given"}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Setting</SummaryList.Key>
          <SummaryList.Value>{PROJECT_SETTING_LABELS[entry.setting]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Topic</SummaryList.Key>
          <SummaryList.Value>{PROJECT_TOPIC_LABELS[entry.topic]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Measures</SummaryList.Key>
          <SummaryList.Value>
            {entry.measureKinds.map((k) => MEASURE_KIND_LABELS[k]).join(", ") || "None"}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Published</SummaryList.Key>
          <SummaryList.Value>{formatDate(entry.publishedAt)}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      {document ? (
        <CaseStudyView document={document} showTeam={false} />
      ) : (
        <p>This case study could not be shown.</p>
      )}
    </>
  );
}
