import { PORTFOLIO_LEVELS } from "../../../shared/portfolios.js";
import type { Db } from "../../platform/db.js";
import * as repo from "./portfolios.repository.js";

type PortfolioLevel = (typeof PORTFOLIO_LEVELS)[number];

interface CriterionSeed {
  statement: string;
  learnerGuidance: string;
  assessorGuidance: string;
}
interface OutcomeSeed {
  title: string;
  criteria: CriterionSeed[];
}
interface UnitSeed {
  title: string;
  summary: string;
  outcomes: OutcomeSeed[];
}

/** Module names learners can point to, by programme (from the programme guides); others get a general phrase. */
const FOUNDATION_MODULES: Record<string, string> = {
  "productive-community-services":
    "a foundation module such as Well Organised Working Environment, Knowing How We Are Doing or Patient Status at a Glance",
  "productive-ward":
    "a foundation module such as Well Organised Ward, Knowing How We Are Doing or Patient Status at a Glance",
  "productive-mental-health-ward":
    "a foundation module such as Well Organised Ward, Knowing How We Are Doing or Patient Status at a Glance",
};
const GENERAL_MODULES = "a foundation module of the programme, such as Knowing How We Are Doing";

/** The criteria for each portfolio level; `modules` names the modules a learner in this programme might evidence. */
function criteriaFor(level: PortfolioLevel, modules: string): UnitSeed[] {
  switch (level) {
    case "practitioner":
      return [
        {
          title: "Implementing the programme in your team",
          summary: "How you took part in putting the programme's modules into practice where you work.",
          outcomes: [
            {
              title: "Be able to implement a module of the programme with your team",
              criteria: [
                {
                  statement: `Describe how you and your team implemented ${modules}, including your own part in it.`,
                  learnerGuidance:
                    "Write a reflection on what you did, step by step, and attach something you made along the way: a photograph of a board, an action plan or meeting notes.",
                  assessorGuidance:
                    "Look for the learner's own actions, not only the team's. The module should be named and its steps recognisable.",
                },
                {
                  statement: "Show how you used the programme's tools to change the way the team works.",
                  learnerGuidance:
                    "A before-and-after photograph, a standard operating procedure or a completed tool template works well. Say what changed because of it.",
                  assessorGuidance:
                    "Evidence should show a change in practice, not only that a tool was filled in.",
                },
              ],
            },
            {
              title: "Be able to engage colleagues in improvement",
              criteria: [
                {
                  statement:
                    "Explain how you involved colleagues, patients or carers in deciding what to change.",
                  learnerGuidance:
                    "Say who you involved and how: huddles, surveys, a suggestions board. Include what they told you and what you did with it.",
                  assessorGuidance:
                    "Accept evidence of engagement at any scale; look for the learner listening and acting on what they heard.",
                },
              ],
            },
          ],
        },
        {
          title: "Measuring the effect of the changes",
          summary: "Using data to show whether the changes you made were improvements.",
          outcomes: [
            {
              title: "Be able to use measures to show the effect of a change",
              criteria: [
                {
                  statement:
                    "Present a measure collected before and after a change, for example patient-facing time or time spent looking for equipment.",
                  learnerGuidance:
                    "Attach the chart or spreadsheet and say how the data was collected. A run chart or SPC chart is ideal; a simple before-and-after table is acceptable.",
                  assessorGuidance:
                    "Check that the measure relates to the change described and that the learner has not over-claimed from a few data points.",
                },
                {
                  statement: "Interpret what the measure shows and what you decided to do as a result.",
                  learnerGuidance:
                    "Explain whether the change was an improvement, how you know, and what the team did next.",
                  assessorGuidance:
                    "Look for a reasoned conclusion and a decision that follows from the data.",
                },
              ],
            },
          ],
        },
        {
          title: "Sustaining the changes and reflecting",
          summary: "Keeping the gains and learning from the experience.",
          outcomes: [
            {
              title: "Be able to sustain improvements",
              criteria: [
                {
                  statement:
                    "Describe how the team keeps the change going, such as audits, visual management or revisiting the module.",
                  learnerGuidance:
                    "Show what is in place now, weeks or months after the change: a regular audit, a display board, a slot in team meetings.",
                  assessorGuidance: "Evidence should show a routine that would continue without the learner.",
                },
              ],
            },
            {
              title: "Be able to reflect on your own practice",
              criteria: [
                {
                  statement:
                    "Reflect on what worked, what did not and what you would do differently next time.",
                  learnerGuidance:
                    "Be honest about what went wrong; what you learnt from it matters more than the outcome.",
                  assessorGuidance:
                    "Look for learning the learner will carry into their next piece of improvement work.",
                },
              ],
            },
          ],
        },
      ];
    case "facilitator":
      return [
        {
          title: "Coaching and supporting teams",
          summary: "How you led, coached and supported other teams as they worked through the programme.",
          outcomes: [
            {
              title: "Be able to coach teams through the programme's modules",
              criteria: [
                {
                  statement: `Describe how you coached at least two teams through ${modules}.`,
                  learnerGuidance:
                    "Name the teams (not individuals), the modules and your coaching: sessions run, questions asked, help given between sessions.",
                  assessorGuidance:
                    "The teams should be in different departments or services, and the learner's role should be coaching, not doing.",
                },
                {
                  statement: "Show how you helped a team overcome a barrier to progress.",
                  learnerGuidance:
                    "A short case study works well: the barrier, what you did, and what happened.",
                  assessorGuidance: "Look for a coaching approach that built the team's own capability.",
                },
              ],
            },
            {
              title: "Be able to help teams use measures",
              criteria: [
                {
                  statement: "Show how you helped teams measure their performance and set improvement goals.",
                  learnerGuidance:
                    "Attach a team's measures and goals and explain your part in setting them up.",
                  assessorGuidance: "Goals should follow from the team's own baseline data.",
                },
              ],
            },
          ],
        },
        {
          title: "Spreading and sustaining across departments",
          summary: "Planning the programme's spread and keeping momentum.",
          outcomes: [
            {
              title: "Be able to plan the spread of the programme",
              criteria: [
                {
                  statement:
                    "Present a plan for spreading the programme across several departments, with its timescale.",
                  learnerGuidance:
                    "Include the order teams join, the support each gets, and how you chose them.",
                  assessorGuidance:
                    "The plan should be realistic for the organisation and show the recommended path from foundation to process modules.",
                },
              ],
            },
            {
              title: "Be able to re-energise stalled improvement work",
              criteria: [
                {
                  statement:
                    "Describe how you supported a team to sustain an improvement or restart work that had stopped.",
                  learnerGuidance:
                    "Say what had slipped, how you noticed, and what you and the team did about it.",
                  assessorGuidance: "Look for evidence that the improvement was sustained afterwards.",
                },
                {
                  statement: "Reflect on your development as a facilitator.",
                  learnerGuidance: "What would you do differently with the next team you support?",
                  assessorGuidance: "Look for insight into the learner's own facilitation style.",
                },
              ],
            },
          ],
        },
      ];
    case "programme_manager":
      return [
        {
          title: "Leading adoption at a strategic level",
          summary: "Leading the programme across an organisation and linking it to its priorities.",
          outcomes: [
            {
              title: "Be able to lead the adoption of the programme across an organisation",
              criteria: [
                {
                  statement:
                    "Present the organisation's programme plan and your part in creating and leading it.",
                  learnerGuidance:
                    "Attach the plan or board paper and explain the decisions you led: which teams, in what order, with what support.",
                  assessorGuidance:
                    "The learner should be leading at organisational level, not within a single team.",
                },
                {
                  statement:
                    "Show how you engaged executive leaders and linked the programme to the organisation's priorities.",
                  learnerGuidance:
                    "Board papers, executive briefings or a sponsor's statement are good evidence. Say which priorities (for example CQUIN or QIPP) the programme serves.",
                  assessorGuidance: "Look for executive sponsorship the learner secured or sustained.",
                },
              ],
            },
          ],
        },
        {
          title: "Benefits realisation with finance",
          summary:
            "Identifying, measuring, validating and tracking the programme's benefits with the finance team.",
          outcomes: [
            {
              title: "Be able to plan benefits realisation from the outset",
              criteria: [
                {
                  statement:
                    "Show how you worked with your finance team to identify, measure, validate and track benefits from the start.",
                  learnerGuidance:
                    "Attach the benefits register or tracker and say who in finance validated the figures.",
                  assessorGuidance:
                    "Benefits should be measured against a baseline and validated by finance, not estimated alone.",
                },
              ],
            },
            {
              title: "Be able to distinguish and report cashable benefits",
              criteria: [
                {
                  statement:
                    "Distinguish the first-order cashable benefits (such as stock reductions) from second-order ones (such as revenue-spend reductions) in your organisation's results.",
                  learnerGuidance: "Use your own organisation's figures, with how each was measured.",
                  assessorGuidance:
                    "Check the learner classifies benefits correctly and does not count the same saving twice.",
                },
                {
                  statement:
                    "Report the benefits across the four areas: safety and quality, patient experience, staff experience, and value and efficiency.",
                  learnerGuidance: "A balanced scorecard or summary report to the board is ideal.",
                  assessorGuidance:
                    "All four areas should be addressed, even where a benefit is not cashable.",
                },
              ],
            },
          ],
        },
        {
          title: "Building capability for continuous improvement",
          summary: "Leaving the organisation able to keep improving.",
          outcomes: [
            {
              title: "Be able to build improvement capability",
              criteria: [
                {
                  statement:
                    "Describe how you built the organisation's capability to sustain and extend the programme, such as training facilitators or revisiting modules.",
                  learnerGuidance:
                    "Say who was trained or supported, and what is in place to continue when you step back.",
                  assessorGuidance: "Look for arrangements that outlast the learner's own involvement.",
                },
              ],
            },
          ],
        },
      ];
  }
}

/** The catalogue's own slug for a programme's course at a level, e.g. "productive-ward-programme-manager". */
function catalogueSlug(programmeSlug: string, level: string): string {
  return `${programmeSlug}-${level.replaceAll("_", "-")}`;
}

/**
 * Gives the catalogue's Practitioner, Facilitator and Programme Manager courses a realistic set of criteria (units →
 * learning outcomes → criteria numbered 1.1, 1.2, 2.3…). Runs once: when any course already has a unit, it does
 * nothing, so editors' changes (deleting a unit included) survive every restart; courses editors made themselves are
 * never given criteria they did not write. Returns the number of courses given criteria.
 */
export async function seedAssessmentCriteria(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    if (await repo.anyUnits(tx)) return 0;
    const courses = (await repo.listCoursesAtLevels(tx, PORTFOLIO_LEVELS)).filter(
      (c) => c.slug === catalogueSlug(c.programmeSlug, c.level),
    );
    for (const course of courses) {
      if (!(PORTFOLIO_LEVELS as readonly string[]).includes(course.level)) continue;
      const level = course.level as PortfolioLevel; // checked just above against PORTFOLIO_LEVELS
      const units = criteriaFor(level, FOUNDATION_MODULES[course.programmeSlug] ?? GENERAL_MODULES);
      for (const [unitIndex, unit] of units.entries()) {
        const unitId = await repo.insertUnit(tx, {
          courseId: course.id,
          position: unitIndex + 1,
          title: unit.title,
          summary: unit.summary,
        });
        let criterionNumber = 0;
        for (const [outcomeIndex, outcome] of unit.outcomes.entries()) {
          const outcomeId = await repo.insertOutcome(tx, {
            unitId,
            position: outcomeIndex + 1,
            title: outcome.title,
          });
          for (const [criterionIndex, criterion] of outcome.criteria.entries()) {
            criterionNumber += 1;
            await repo.insertCriterion(tx, {
              outcomeId,
              position: criterionIndex + 1,
              code: `${unitIndex + 1}.${criterionNumber}`,
              ...criterion,
            });
          }
        }
      }
    }
    return courses.length;
  });
}
