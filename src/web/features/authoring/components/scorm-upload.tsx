import { useRef, useState } from "react";
import { formatBytes } from "../../../../shared/authoring";
import {
  SCORM_IMPORT_STAGE_LABELS,
  SCORM_IMPORT_STAGES,
  SCORM_UPLOAD_LIMIT_BYTES,
  SCORM_VERSION_LABELS,
  type ScormImportStage,
  type ScormItem,
  type ScormPackage,
} from "../../../../shared/scorm";
import { Button } from "../../../components/button";
import { describedBy, ErrorMessage, Hint } from "../../../components/form-group";
import { SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { useScormImport } from "../api/scorm-import";
import { useUploadScormPackage } from "../api/upload-scorm-package";

interface ScormUploadProps {
  /** The field name: the file input's id, so error summaries can link to it. */
  id: string;
  /** The package the step runs now (or was just uploaded), if any. */
  current: ScormPackage | null;
  /** Whether `current` is saved on the step yet. */
  saved: boolean;
  /** The package saved on the step: an upload becomes its next version. */
  replaces: string | undefined;
  error?: string | undefined;
  onUploaded: (pkg: ScormPackage) => void;
  /** Told of a refused upload (for the page's error summary), and of success (null). */
  onProblem?: (message: string | null) => void;
}

const HINT = `A .zip exported as SCORM 1.2 or SCORM 2004 (2nd, 3rd or 4th Edition), up to ${formatBytes(SCORM_UPLOAD_LIMIT_BYTES)}.`;

function stageTag(done: boolean, failed: boolean) {
  if (done) return <Tag modifier="green">Done</Tag>;
  if (failed) return <Tag modifier="red">Stopped</Tag>;
  return <Tag modifier="grey">Waiting</Tag>;
}

/**
 * The NHS file upload field for a SCORM package: a progress bar while the zip is sent, then each import stage as
 * the server passes it (polled), then the package's summary. A package already on the step is replaced by
 * uploading a new version (the same lineage, learners' attempts kept on the old one).
 */
export function ScormUpload({
  id,
  current,
  saved,
  replaces,
  error,
  onUploaded,
  onProblem,
}: ScormUploadProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [chosenError, setChosenError] = useState<string | null>(null);
  const upload = useUploadScormPackage(setProgress);
  const importing = useScormImport(importId, upload.isPending);
  const shownError = chosenError ?? (upload.isError ? upload.error.message : undefined) ?? error;
  const label = replaces ? "Upload a new version" : "Upload the SCORM package";

  const send = () => {
    const chosen = inputRef.current?.files?.[0];
    if (!chosen) {
      setChosenError("Choose a SCORM package (.zip) to upload");
      onProblem?.("Choose a SCORM package (.zip) to upload");
      return;
    }
    const nextImportId = crypto.randomUUID();
    setChosenError(null);
    setProgress(0);
    setImportId(nextImportId);
    upload.mutate(
      { file: chosen, importId: nextImportId, replaces },
      {
        onSuccess: (pkg) => {
          onProblem?.(null);
          onUploaded(pkg);
          if (inputRef.current) inputRef.current.value = "";
        },
        onError: (failure) => onProblem?.(failure.message),
        onSettled: () => {
          setProgress(null);
          void importing.refetch();
        },
      },
    );
  };

  const stagesDone = new Set<ScormImportStage>(
    upload.isSuccess ? SCORM_IMPORT_STAGES : (importing.data?.stages ?? []),
  );
  const showStages = importId !== null && (upload.isPending || upload.isSuccess || upload.isError);
  const failedAt = upload.isError ? SCORM_IMPORT_STAGES.find((s) => !stagesDone.has(s)) : undefined;

  return (
    <>
      <div className={`nhsuk-form-group nhsuk-file-upload${shownError ? " nhsuk-form-group--error" : ""}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
          {label}
        </label>
        <Hint id={id} hint={HINT} />
        <ErrorMessage id={id} error={shownError} />
        <input
          ref={inputRef}
          className={`nhsuk-file-upload__input${shownError ? " nhsuk-input--error" : ""}`}
          id={id}
          name={id}
          type="file"
          accept=".zip,application/zip"
          aria-describedby={describedBy(id, HINT, shownError)}
          onChange={() => setChosenError(null)}
        />
        <div className="app-actions nhsuk-u-margin-top-3">
          <Button type="button" variant="secondary" small busy={upload.isPending} onClick={send}>
            {replaces ? "Upload new version" : "Upload package"}
          </Button>
        </div>
        {progress !== null ? (
          <div className="app-upload-progress">
            <label className="nhsuk-body-s" htmlFor={`${id}-progress`}>
              {progress < 100 ? `Sending the package: ${progress}%` : "Package sent. Importing it…"}
            </label>
            <progress id={`${id}-progress`} max={100} value={progress}>
              {progress}%
            </progress>
          </div>
        ) : null}
        {showStages ? (
          <>
            <h3 className="nhsuk-heading-s nhsuk-u-margin-top-3" id={`${id}-stages`}>
              Import
            </h3>
            <ul className="app-import-stages nhsuk-list" aria-labelledby={`${id}-stages`} aria-live="polite">
              {SCORM_IMPORT_STAGES.map((stage) => (
                <li key={stage}>
                  {SCORM_IMPORT_STAGE_LABELS[stage]} {stageTag(stagesDone.has(stage), stage === failedAt)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="nhsuk-body-s" role="status">
          {upload.isSuccess && current?.id === upload.data.id && !saved
            ? `Imported version ${current.version}. Save the step to use it.`
            : ""}
        </p>
      </div>
      {current ? <ScormPackageSummary pkg={current} saved={saved} /> : null}
    </>
  );
}

/** Mastery scores as the summary says them: one value, several, or none. */
function masteryWords(items: readonly ScormItem[]): string {
  const scores = [...new Set(items.flatMap((i) => (i.masteryScore === null ? [] : [i.masteryScore])))];
  if (scores.length === 0) return "Not set: the package decides when learners pass";
  return scores.map((s) => `${s}%`).join(", ");
}

const KIND_WORDS: Record<ScormItem["kind"], string> = { sco: "SCO", asset: "Asset", group: "Section" };

/** The organisation tree as nested lists, so its shape is read out as well as seen. */
function ItemTree({ items, depth = 0 }: { items: readonly ScormItem[]; depth?: number }) {
  const level: Array<{ item: ScormItem; children: ScormItem[] }> = [];
  for (const item of items) {
    if (item.depth === depth) level.push({ item, children: [] });
    else level.at(-1)?.children.push(item);
  }
  return (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {level.map(({ item, children }) => (
        <li key={item.identifier}>
          {item.title} <Tag modifier={item.kind === "sco" ? "blue" : "grey"}>{KIND_WORDS[item.kind]}</Tag>
          {item.isVisible ? null : <span className="nhsuk-body-s"> (hidden from the contents)</span>}
          {item.launchHref ? (
            <span className="nhsuk-body-s app-break-anywhere">
              {" "}
              Launches <code>{item.launchHref}</code>
            </span>
          ) : null}
          {children.length > 0 ? <ItemTree items={children} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** What the platform read from a package: version, SCORM version, tree, launch files, mastery score, warnings. */
export function ScormPackageSummary({ pkg, saved }: { pkg: ScormPackage; saved: boolean }) {
  return (
    <section aria-labelledby="scorm-package-heading">
      <h2 id="scorm-package-heading">{saved ? "The step's package" : "The uploaded package"}</h2>
      {pkg.warnings.length > 0 ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h3">
            {pkg.warnings.length === 1 ? "1 thing to check" : `${pkg.warnings.length} things to check`}
          </WarningCallout.Heading>
          <ul>
            {pkg.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </WarningCallout>
      ) : null}
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Title</SummaryList.Key>
          <SummaryList.Value>{pkg.title}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Version</SummaryList.Key>
          <SummaryList.Value>
            {pkg.version === 1 ? "1 (first upload)" : `${pkg.version} (replaces version ${pkg.version - 1})`}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>SCORM version</SummaryList.Key>
          <SummaryList.Value>{SCORM_VERSION_LABELS[pkg.scormVersion]}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Launch files</SummaryList.Key>
          <SummaryList.Value>
            <ul className="nhsuk-list app-break-anywhere">
              {pkg.launchFiles.map((file) => (
                <li key={file}>
                  <code>{file}</code>
                </li>
              ))}
            </ul>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Mastery score</SummaryList.Key>
          <SummaryList.Value>{masteryWords(pkg.scos)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Files</SummaryList.Key>
          <SummaryList.Value>
            {pkg.fileCount.toLocaleString("en-GB")} ({formatBytes(pkg.sizeBytes)})
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
      <h3>Contents: {pkg.organisationTitle}</h3>
      <ItemTree items={pkg.scos} />
    </section>
  );
}
