import { useState } from "react";
import { useNavigate } from "react-router";
import type { Evidence, PortfolioView } from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { flash } from "../../../lib/flash";
import { useDeleteEvidence } from "../api/portfolio";
import { Confirm } from "./confirm";
import { portfolioPaths } from "./portfolio-paths";

/** Deleting a piece of evidence, confirmed first; failures go to the page's error summary through `onError`. */
export function DeleteEvidence({
  portfolio,
  evidence,
  onError,
}: {
  portfolio: PortfolioView;
  evidence: Evidence;
  onError: (error: unknown) => void;
}) {
  const navigate = useNavigate();
  const remove = useDeleteEvidence(portfolio.enrolmentId);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <h2>Delete this evidence</h2>
      {confirming ? (
        <Confirm
          question={`Delete "${evidence.title}"?`}
          confirmLabel="Yes, delete it"
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(
              { evidenceId: evidence.id, revision: portfolio.revision },
              {
                onSuccess: () =>
                  navigate(portfolioPaths.overview(portfolio.enrolmentId), {
                    state: flash(`Evidence deleted: ${evidence.title}`),
                  }),
                onError: (error) => {
                  setConfirming(false);
                  onError(error);
                },
              },
            )
          }
          onCancel={() => setConfirming(false)}
        >
          <p>
            {portfolio.versions.length > 0
              ? "It is removed from your portfolio. Versions you have already submitted keep it."
              : "It is removed from your portfolio. This cannot be undone."}
          </p>
        </Confirm>
      ) : (
        <Button type="button" variant="warning" onClick={() => setConfirming(true)}>
          Delete evidence
        </Button>
      )}
    </>
  );
}
