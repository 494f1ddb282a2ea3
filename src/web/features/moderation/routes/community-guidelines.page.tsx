import { Link } from "react-router";
import { usePageTitle } from "../../../lib/page-title";

const TITLE = "Community guidelines";

/** /community-guidelines (public): how to take part in course discussions, and what facilitators do when people don't. */
export function CommunityGuidelinesPage() {
  usePageTitle(TITLE);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{TITLE}</h1>
        <p className="nhsuk-lede-text">
          Course discussions are where health and care staff learn from each other's improvement work. These
          guidelines keep them safe, kind and useful for everyone.
        </p>

        <h2>Be kind and professional</h2>
        <p>
          Write as you would to a colleague you respect. People join from every role and every kind of
          organisation, and many are sharing improvement work for the first time. Encourage them.
        </p>
        <p>Disagree with ideas, not people. Say why you see it differently and what you have seen work.</p>

        <h2>Never share patient-identifiable information</h2>
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Protect people's information
          </h3>
          <p>
            Never post anything that could identify a patient, service user, colleague or member of the
            public: no names, dates of birth, NHS numbers, addresses, photos, or details of a case that
            someone could recognise. Describe your data in totals and trends instead.
          </p>
        </div>
        <p>
          Respect confidentiality. Do not share your organisation's internal documents or anything you would
          not be happy to see in public. If you are unsure, ask your Caldicott Guardian or information
          governance team first.
        </p>

        <h2>Keep it on topic and free of adverts</h2>
        <p>
          Stay with the step or topic being discussed. Do not advertise products, services or events, and do
          not post the same message in several places.
        </p>

        <div className="nhsuk-do-dont-list">
          <h2 className="nhsuk-do-dont-list__label">Do</h2>
          <ul className="nhsuk-list nhsuk-list--tick">
            <li>share what you tried, what happened and what you learnt</li>
            <li>ask questions, even if you think they are basic</li>
            <li>thank people and build on their ideas</li>
            <li>report a comment that breaks these guidelines</li>
          </ul>
        </div>
        <div className="nhsuk-do-dont-list">
          <h2 className="nhsuk-do-dont-list__label">Don't</h2>
          <ul className="nhsuk-list nhsuk-list--cross">
            <li>post anything that could identify a patient, service user or colleague</li>
            <li>criticise named people, teams or organisations</li>
            <li>advertise or post spam</li>
            <li>reply to abuse – report it instead</li>
          </ul>
        </div>

        <h2>Report, don't reply</h2>
        <p>
          If a comment is abusive, shares personal information, is spam or is off topic, use the "Report" link
          beside it and choose a reason. Your report goes only to the run's facilitators; the person who wrote
          it is not told who reported it. Please do not reply to the comment, as that can make things worse.
        </p>

        <h2>What facilitators can do</h2>
        <p>Each course run has facilitators who look at every report. They can:</p>
        <ul>
          <li>hide a comment while they look into it (they can restore it later)</li>
          <li>remove a comment for good</li>
          <li>dismiss a report when the comment is fine</li>
          <li>
            suspend someone from posting in a run – they can still read the discussions and finish the course,
            and we email them the reason
          </li>
        </ul>
        <p>Every action a facilitator takes is recorded, so it can be checked.</p>

        <h2>If you disagree with a decision</h2>
        <p>
          If you think a facilitator got it wrong – a comment of yours was hidden or removed, or you were
          suspended from posting – <Link to="/help/contact">contact us through help and contact</Link>. Say
          which course and run it is about, and we will pass it to the run's facilitators to look at again.
        </p>
      </div>
    </div>
  );
}
