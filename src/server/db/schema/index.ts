/** The whole Drizzle schema, one file per domain. */
export * from "./accounts.js";
export * from "./assessment.js";
export * from "./catalogue.js";
export * from "./community.js";
export * from "./credentials.js";
export * from "./enrolments.js";
export * from "./help.js";
export * from "./implementation.js";
export * from "./learner-admin.js";
export * from "./learning.js";
export * from "./notifications.js";
export * from "./organisations.js";
export * from "./platform.js";
export * from "./projects.js";
export * from "./scorm.js";
export * from "./surveys.js";
