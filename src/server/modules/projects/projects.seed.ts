import { and, eq, inArray } from "drizzle-orm";
import {
  caseStudies,
  driverNodes,
  improvementProjects,
  pdsaCycles,
  projectMembers,
  projectProgressScores,
  users,
} from "../../db/schema/index.js";
import type { Db, Tx } from "../../platform/db.js";

/** The demo learner, who leads the demo project. */
export const DEMO_PROJECT_LEAD = "learner@example.org";
/** The demo account on the team as a member. */
export const DEMO_PROJECT_MEMBER = "facilitator@example.org";
/** The demo project's title (also how the seed knows it has run). */
export const DEMO_PROJECT_TITLE = "Reducing missed medication doses on Ward 10";

/** The driver diagram: two primary drivers, three secondary drivers, four change ideas. */
const DIAGRAM = [
  {
    text: "Reliable medicine rounds",
    children: [
      {
        text: "Fewer interruptions during the round",
        ideas: ["Do-not-disturb tabards for the nurse giving medicines"],
      },
      {
        text: "Medicines in stock when needed",
        ideas: ["Daily stock check of critical medicines at 2pm", "Pharmacy top-up before the evening round"],
      },
    ],
  },
  {
    text: "Shared understanding of time-critical medicines",
    children: [
      {
        text: "Staff know which medicines are time-critical",
        ideas: ["Time-critical medicines list on every drug trolley"],
      },
    ],
  },
];

async function addNode(
  tx: Tx,
  projectId: string,
  parentId: string | null,
  kind: "primary_driver" | "secondary_driver" | "change_idea",
  text: string,
  position: number,
): Promise<string> {
  const [row] = await tx
    .insert(driverNodes)
    .values({ projectId, parentId, kind, text, position })
    .returning({ id: driverNodes.id });
  if (!row) throw new Error("driver node insert returned no row");
  return row.id;
}

/**
 * The demo improvement project, led by the demo learner with a colleague on the team: aim, driver diagram, progress
 * history, two PDSA cycles and a partly written case study. Runs once (it finds the project by its lead and title);
 * returns the project's id, or null when the demo learner does not exist. The measures seed adds measures to it.
 */
export async function seedProjectsDemo(db: Db): Promise<string | null> {
  const people = await db
    .select({ id: users.id, email: users.email, organisationId: users.organisationId })
    .from(users)
    .where(inArray(users.email, [DEMO_PROJECT_LEAD, DEMO_PROJECT_MEMBER]));
  const lead = people.find((p) => p.email === DEMO_PROJECT_LEAD);
  if (!lead) return null;
  const colleague = people.find((p) => p.email === DEMO_PROJECT_MEMBER);

  const [existing] = await db
    .select({ id: improvementProjects.id })
    .from(improvementProjects)
    .innerJoin(projectMembers, eq(projectMembers.projectId, improvementProjects.id))
    .where(and(eq(improvementProjects.title, DEMO_PROJECT_TITLE), eq(projectMembers.userId, lead.id)))
    .limit(1);
  if (existing) return existing.id;

  return db.transaction(async (tx) => {
    const [project] = await tx
      .insert(improvementProjects)
      .values({
        title: DEMO_PROJECT_TITLE,
        problem:
          "An audit in January 2026 found that about 1 in 12 scheduled doses on Ward 10 were missed or given more than an hour late, most often at the evening round, including time-critical medicines for Parkinson's disease.",
        aimWhat: "Reduce missed and late scheduled medication doses on Ward 10",
        aimHowMuch: "by 50%, from 8% of doses to 4%",
        aimByWhen: "2026-09-30",
        setting: "acute_ward",
        topic: "medicines",
        organisationId: lead.organisationId,
        teamName: "Ward 10 (older people's medicine)",
        status: "testing_changes",
        progressScore: "2.5",
        visibility: "organisation",
        createdBy: lead.id,
        createdAt: new Date("2026-02-02T09:00:00Z"),
      })
      .returning({ id: improvementProjects.id });
    if (!project) throw new Error("project insert returned no row");
    const projectId = project.id;

    await tx.insert(projectMembers).values([
      {
        projectId,
        userId: lead.id,
        role: "lead" as const,
        responsibility: "Project lead and data collection",
        nameInLibrary: true,
      },
      ...(colleague
        ? [
            {
              projectId,
              userId: colleague.id,
              role: "member" as const,
              responsibility: "QI coach",
              nameInLibrary: false,
            },
          ]
        : []),
    ]);

    const ideas: string[] = [];
    for (const [p, primary] of DIAGRAM.entries()) {
      const primaryId = await addNode(tx, projectId, null, "primary_driver", primary.text, p);
      for (const [s, secondary] of primary.children.entries()) {
        const secondaryId = await addNode(tx, projectId, primaryId, "secondary_driver", secondary.text, s);
        for (const [i, idea] of secondary.ideas.entries()) {
          ideas.push(await addNode(tx, projectId, secondaryId, "change_idea", idea, i));
        }
      }
    }

    await tx.insert(projectProgressScores).values([
      {
        projectId,
        score: "1.0",
        status: "planning" as const,
        note: "Team formed; baseline audit agreed with pharmacy.",
        recordedBy: lead.id,
        recordedAt: new Date("2026-02-09T16:00:00Z"),
      },
      {
        projectId,
        score: "2.0",
        status: "testing_changes" as const,
        note: "Driver diagram drafted with the ward team; first PDSA cycle planned.",
        recordedBy: lead.id,
        recordedAt: new Date("2026-03-02T16:00:00Z"),
      },
      {
        projectId,
        score: "2.5",
        status: "testing_changes" as const,
        note: "Tabards tested on the evening round; interruptions down, doses not yet.",
        recordedBy: colleague?.id ?? lead.id,
        recordedAt: new Date("2026-04-13T16:00:00Z"),
      },
    ]);

    await tx.insert(pdsaCycles).values([
      {
        projectId,
        changeIdeaId: ideas[0] ?? null,
        title: "Tabards on the evening round",
        plan: "The nurse giving medicines wears a red do-not-disturb tabard on the evening round for two weeks; the ward clerk counts interruptions.",
        prediction: "Interruptions fall by half and fewer doses are late.",
        doNotes: "Worn on 12 of 14 evenings; two evenings no tabard was free.",
        study: "Interruptions fell from a median of 9 to 4 a round. Late doses fell a little.",
        act: "Adopt on the evening round; buy two more tabards; try the morning round next.",
        decision: "adopt" as const,
        startsOn: "2026-03-09",
        endsOn: "2026-03-22",
        createdBy: lead.id,
      },
      {
        projectId,
        changeIdeaId: ideas[1] ?? null,
        title: "Daily 2pm stock check of critical medicines",
        plan: "The afternoon nurse checks stock of the 20 critical medicines at 2pm and orders gaps before pharmacy closes.",
        prediction: "No evening dose is missed because a medicine is out of stock.",
        doNotes: "Checked on 19 of 21 days.",
        study: "Doses missed for stock fell from 11 to 3 over three weeks.",
        act: "Adapt: add the check to the afternoon handover sheet so it is not forgotten.",
        decision: "adapt" as const,
        startsOn: "2026-04-20",
        endsOn: "2026-05-10",
        createdBy: lead.id,
      },
    ]);

    await tx.insert(caseStudies).values({
      projectId,
      sections: {
        background:
          "Missed and delayed doses harm patients, especially those on time-critical medicines such as treatments for Parkinson's disease. Our January 2026 audit found about 8% of scheduled doses on Ward 10 were missed or over an hour late.",
        aim: "Reduce missed and late scheduled medication doses on Ward 10 by 50%, from 8% to 4%, by 30 September 2026.",
        methods:
          "We mapped the evening medicine round with the ward team and built a driver diagram. We tested changes in PDSA cycles and measured missed doses weekly from the electronic prescribing record, plotting them on an SPC chart.",
        results: "",
        lessons: "",
        nextSteps: "",
        involvement:
          "Two patients' relatives told us how a missed Parkinson's dose affected their family member; their stories opened our first team meeting.",
      },
      chartMeasureIds: [],
      updatedBy: lead.id,
    });

    return projectId;
  });
}
