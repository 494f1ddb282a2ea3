/**
 * Improvement projects: the words and fixed lists the server, the pages and the database share. Contracts (zod
 * schemas) for each part live beside it: project-contracts.ts, measures.ts, recognition.ts.
 */

/** Where a project happens; the case-study library filters by it. */
export const PROJECT_SETTINGS = [
  "acute_ward",
  "emergency_care",
  "operating_theatre",
  "outpatients",
  "mental_health",
  "community",
  "primary_care",
  "care_home",
  "ambulance",
  "corporate",
  "other",
] as const;
/** One of PROJECT_SETTINGS. */
export type ProjectSetting = (typeof PROJECT_SETTINGS)[number];
/** Words shown for each setting. */
export const PROJECT_SETTING_LABELS: Record<ProjectSetting, string> = {
  acute_ward: "Hospital ward",
  emergency_care: "Emergency and urgent care",
  operating_theatre: "Operating theatre",
  outpatients: "Outpatients",
  mental_health: "Mental health",
  community: "Community services",
  primary_care: "Primary care",
  care_home: "Care home or social care",
  ambulance: "Ambulance service",
  corporate: "Corporate or support services",
  other: "Somewhere else",
};

/** What a project is about; the case-study library filters by it. */
export const PROJECT_TOPICS = [
  "patient_safety",
  "patient_experience",
  "flow_and_waiting",
  "staff_wellbeing",
  "efficiency",
  "medicines",
  "infection_prevention",
  "communication",
  "other",
] as const;
/** One of PROJECT_TOPICS. */
export type ProjectTopic = (typeof PROJECT_TOPICS)[number];
/** Words shown for each topic. */
export const PROJECT_TOPIC_LABELS: Record<ProjectTopic, string> = {
  patient_safety: "Patient safety",
  patient_experience: "Patient experience",
  flow_and_waiting: "Flow and waiting times",
  staff_wellbeing: "Staff wellbeing",
  efficiency: "Efficiency and productivity",
  medicines: "Medicines",
  infection_prevention: "Infection prevention",
  communication: "Communication and handover",
  other: "Something else",
};

/** Where a project stands, set by its team. */
export const PROJECT_STATUSES = [
  "planning",
  "testing_changes",
  "implementing",
  "sustaining",
  "completed",
  "stopped",
] as const;
/** One of PROJECT_STATUSES. */
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** Words shown for each status. */
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planning: "Planning",
  testing_changes: "Testing changes",
  implementing: "Implementing",
  sustaining: "Sustaining",
  completed: "Completed",
  stopped: "Stopped",
};

/**
 * The IHI-style progress scale, 0.5 to 5 in halves, with what each score means. Kept as strings ("3.5") so the
 * database's numeric, the API and the radios agree exactly.
 */
export const PROGRESS_SCORES = [
  "0.5",
  "1.0",
  "1.5",
  "2.0",
  "2.5",
  "3.0",
  "3.5",
  "4.0",
  "4.5",
  "5.0",
] as const;
/** One of PROGRESS_SCORES. */
export type ProgressScore = (typeof PROGRESS_SCORES)[number];
/** What each progress score means. */
export const PROGRESS_SCORE_LABELS: Record<ProgressScore, string> = {
  "0.5": "Intent to take part",
  "1.0": "Team formed and project agreed",
  "1.5": "Planning under way",
  "2.0": "Activity, but no changes yet",
  "2.5": "Changes tested, but no improvement yet",
  "3.0": "Modest improvement",
  "3.5": "Improvement",
  "4.0": "Significant improvement",
  "4.5": "Sustainable improvement",
  "5.0": "Outstanding, sustained results",
};

/** Who can read a project beyond its team. Editing is always the team's alone. */
export const PROJECT_VISIBILITIES = ["team", "organisation", "signed_in"] as const;
/** One of PROJECT_VISIBILITIES. */
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];
/** Words shown for each visibility. */
export const PROJECT_VISIBILITY_LABELS: Record<ProjectVisibility, string> = {
  team: "Only the project team",
  organisation: "Anyone in the project's organisation",
  signed_in: "Anyone signed in to QI Academy",
};

/** A team member's standing: leads manage the team, sharing and submission; everyone on the team edits. */
export const PROJECT_MEMBER_ROLES = ["lead", "member"] as const;
/** One of PROJECT_MEMBER_ROLES. */
export type ProjectMemberRole = (typeof PROJECT_MEMBER_ROLES)[number];

/** The levels of a driver diagram below the aim, in order. */
export const DRIVER_NODE_KINDS = ["primary_driver", "secondary_driver", "change_idea"] as const;
/** One of DRIVER_NODE_KINDS. */
export type DriverNodeKind = (typeof DRIVER_NODE_KINDS)[number];
/** Words shown for each level. */
export const DRIVER_NODE_KIND_LABELS: Record<DriverNodeKind, string> = {
  primary_driver: "Primary driver",
  secondary_driver: "Secondary driver",
  change_idea: "Change idea",
};

/** Outcome, process and balancing measures. */
export const MEASURE_KINDS = ["outcome", "process", "balancing"] as const;
/** One of MEASURE_KINDS. */
export type MeasureKind = (typeof MEASURE_KINDS)[number];
/** Words shown for each kind. */
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  outcome: "Outcome measure",
  process: "Process measure",
  balancing: "Balancing measure",
};

/** Which way is better for a measure; the SPC engine's improvementDirection. */
export const IMPROVEMENT_DIRECTIONS = ["increase", "decrease", "neither"] as const;
/** One of IMPROVEMENT_DIRECTIONS. */
export type ImprovementDirection = (typeof IMPROVEMENT_DIRECTIONS)[number];
/** Words shown for each direction. */
export const IMPROVEMENT_DIRECTION_LABELS: Record<ImprovementDirection, string> = {
  increase: "Higher is better",
  decrease: "Lower is better",
  neither: "Neither: closer to the target is better",
};

/** How often a measure's data is collected. */
export const MEASURE_FREQUENCIES = ["daily", "weekly", "fortnightly", "monthly", "quarterly"] as const;
/** One of MEASURE_FREQUENCIES. */
export type MeasureFrequency = (typeof MEASURE_FREQUENCIES)[number];
/** Words shown for each frequency. */
export const MEASURE_FREQUENCY_LABELS: Record<MeasureFrequency, string> = {
  daily: "Daily",
  weekly: "Weekly",
  fortnightly: "Fortnightly",
  monthly: "Monthly",
  quarterly: "Quarterly",
};

/** What the Act stage of a PDSA cycle decided. */
export const PDSA_DECISIONS = ["adopt", "adapt", "abandon"] as const;
/** One of PDSA_DECISIONS. */
export type PdsaDecision = (typeof PDSA_DECISIONS)[number];
/** Words shown for each decision. */
export const PDSA_DECISION_LABELS: Record<PdsaDecision, string> = {
  adopt: "Adopt the change",
  adapt: "Adapt it and test again",
  abandon: "Abandon it",
};

/** The sections of a case-study write-up, in order, with their headings and what to write. */
export const CASE_STUDY_SECTIONS = [
  "background",
  "aim",
  "methods",
  "results",
  "lessons",
  "nextSteps",
  "involvement",
] as const;
/** One of CASE_STUDY_SECTIONS. */
export type CaseStudySection = (typeof CASE_STUDY_SECTIONS)[number];
/** Heading and hint for each section of the write-up. */
export const CASE_STUDY_SECTION_TEXT: Record<CaseStudySection, { heading: string; hint: string }> = {
  background: { heading: "Background", hint: "The problem, why it mattered and who it affected." },
  aim: { heading: "Aim", hint: "What you set out to improve, by how much and by when." },
  methods: {
    heading: "Methods",
    hint: "How you understood the system, the changes you tested (PDSA cycles) and how you measured.",
  },
  results: {
    heading: "Results",
    hint: "What the measures show. The charts of the measures you choose are added below this section.",
  },
  lessons: {
    heading: "Lessons learnt",
    hint: "What worked, what did not, and what you would do differently.",
  },
  nextSteps: { heading: "Next steps", hint: "How the gains will be sustained and spread." },
  involvement: {
    heading: "Patient and staff involvement",
    hint: "How patients, carers and staff shaped the work.",
  },
};
/** Longest text allowed in one write-up section. */
export const CASE_STUDY_SECTION_MAX = 10_000;

/** Where a case study submitted for recognition stands. */
export const RECOGNITION_STATUSES = ["awaiting_assessment", "passed", "referred"] as const;
/** One of RECOGNITION_STATUSES. */
export type RecognitionStatus = (typeof RECOGNITION_STATUSES)[number];

/** The most data points one measure (or one SPC analysis) may hold. */
export const MAX_SERIES_POINTS = 10_000;
