import { useRef } from "react";
import { Button } from "../../../components/button";
import { Details } from "../../../components/nhs";
import type { StepViewData } from "../api/learning-schemas";
import { RichText } from "./rich-text";
import { StepCompletion } from "./step-completion";
import { videoSource } from "./video-source";

/** How often, at most, a playing video reports how far through it is. */
const PROGRESS_INTERVAL_MS = 15_000;

interface VideoStepProps {
  step: StepViewData;
  busy: boolean;
  /** Records how far through the video the learner is (0–100). */
  onProgress: (percent: number) => void;
  /** Records the video as watched; `andContinue` goes on to the next step. */
  onComplete: (andContinue: boolean) => void;
}

/** The video itself: the browser's player, a privacy-enhanced YouTube or Vimeo player, or a link. */
function VideoPlayer({ step, onProgress, onComplete }: Omit<VideoStepProps, "busy">) {
  const lastReport = useRef(0);
  if (!step.video) return <p>This video is not available.</p>;
  const source = videoSource(step.video);
  const canRecord = !step.readOnly && step.status !== "completed";

  switch (source.kind) {
    case "file":
      return (
        <div className="app-video">
          {/* biome-ignore lint/a11y/useMediaCaption: the transcript below is the text alternative; uploads carry no caption track yet */}
          <video
            controls
            preload="metadata"
            src={source.url}
            onTimeUpdate={(event) => {
              const video = event.currentTarget;
              const now = Date.now();
              if (!canRecord || !video.duration || now - lastReport.current < PROGRESS_INTERVAL_MS) return;
              lastReport.current = now;
              onProgress(Math.min(100, Math.floor((video.currentTime / video.duration) * 100)));
            }}
            onEnded={() => {
              if (canRecord) onComplete(false);
            }}
          >
            <a href={source.url}>Download the video</a>
          </video>
        </div>
      );
    case "embed":
      return (
        <>
          <div className="app-video app-video--embed">
            <iframe
              src={source.embedUrl}
              title={`Video: ${step.title}`}
              allow="fullscreen; picture-in-picture; encrypted-media"
              allowFullScreen
              loading="lazy"
              referrerPolicy="strict-origin-when-cross-origin"
            />
          </div>
          <p>
            <a href={source.watchUrl} rel="noopener noreferrer">
              Watch this video on {source.host}
            </a>
          </p>
        </>
      );
    case "link":
      return (
        <p>
          <a href={source.url} rel="noopener noreferrer">
            Watch this video on the website that hosts it
          </a>
        </p>
      );
    default:
      return <p>This video cannot be shown.</p>;
  }
}

/**
 * A video with its transcript in an expander. Playing a video to the end in the browser's player completes it;
 * for players on other sites (which cannot tell us), and for anyone who reads the transcript instead, the
 * learner says they have watched it.
 */
export function VideoStep({ step, busy, onProgress, onComplete }: VideoStepProps) {
  return (
    <>
      <VideoPlayer step={step} onProgress={onProgress} onComplete={onComplete} />
      {step.html.trim() ? (
        <Details>
          <Details.Summary>Transcript</Details.Summary>
          <Details.Text>
            <RichText html={step.html} />
          </Details.Text>
        </Details>
      ) : null}
      <StepCompletion
        enrolmentId={step.enrolmentId}
        completed={step.status === "completed"}
        readOnly={step.readOnly}
      >
        <Button type="button" busy={busy} onClick={() => onComplete(true)}>
          I have watched this video
        </Button>
      </StepCompletion>
    </>
  );
}
