import { Link } from "react-router";
import { ActionLink } from "../components/links";
import { InsetText } from "../components/nhs";
import { usePageTitle } from "../lib/page-title";
import { useMe } from "../lib/use-me";

/** The start page: what QI Academy is for and who it is for. */
export function HomePage() {
  usePageTitle("Learn quality improvement and put it into practice");
  const { data: me } = useMe();

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Learn quality improvement and put it into practice</h1>
        <p className="nhsuk-lede-text">
          QI Academy is where health and care staff learn quality improvement (QI) and use it to improve care
          in their own teams.
        </p>

        <h2>Who it is for</h2>
        <ul>
          <li>staff of NHS organisations in England, Scotland, Wales and Northern Ireland</li>
          <li>staff of other health and care organisations</li>
          <li>university and pre-registration students</li>
          <li>independent learners</li>
        </ul>

        <h2>What QI Academy is for</h2>
        <h3>Accredited learning</h3>
        <p>
          Courses on The Productive Series, such as The Productive Ward and Productive Community Services. You
          can start with an Introductory course, free to NHS England staff, and go on to accredited levels:
          Practitioner, Facilitator and Programme Manager, assessed on evidence from your own work.
        </p>
        <h3>Social short courses</h3>
        <p>
          Improvement Fundamentals: short online courses run with a facilitator, where you learn alongside
          other staff, discuss what you are learning and start a small improvement project at work.
        </p>
        <h3>Putting improvement into practice</h3>
        <p>
          Support for teams carrying out a programme module by module: measuring what changes with statistical
          process control (SPC) charts, and tracking the benefits, including money saved.
        </p>

        <InsetText>
          <p>
            QI Academy is being built in stages. You can browse the course catalogue now, create an account
            and keep your details up to date. Enrolment on courses opens soon.
          </p>
        </InsetText>

        <h2>Find a course</h2>
        <p>See every course, who it is for, what it costs and what you will learn.</p>
        <ActionLink to="/courses">Find a course</ActionLink>
        <p>
          <Link to="/where-to-start">Not sure where to start?</Link> Answer one question and we will suggest a
          level.
        </p>

        <h2>Your account</h2>
        {me ? (
          <ActionLink to="/account">Go to my account</ActionLink>
        ) : (
          <>
            <p>
              With an account you see the price for your sector, and you will be able to enrol when it opens.
            </p>
            <ActionLink to="/register">Create an account</ActionLink>
            <p>
              Already have an account? <Link to="/sign-in">Sign in</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
