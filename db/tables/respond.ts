import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { cases, forms, teamGroups, teamMembers } from "./activity";

// The Respond workflow the Activity reports are computed from: inbound objects moving through
// workflow states, their classifications, the account's SLA targets and NPS survey sends.

export const OBJECT_STATES = [
  "new",
  "assigned",
  "in_progress",
  "awaiting_approval",
  "responded",
  "closed",
  "duplicate",
  "irrelevant",
  "redirected",
  "no_response_required",
] as const;
export type ObjectState = (typeof OBJECT_STATES)[number];
export const CLOSED_STATES = ["closed", "duplicate", "irrelevant", "redirected", "no_response_required"] as const;

/** One row per account: how long a customer may wait, and how long a member may take. */
export const slaTargets = pgTable("sla_targets", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  responseSlaSeconds: integer("response_sla_seconds").notNull(),
  actionSlaSeconds: integer("action_sla_seconds").notNull(),
});

export const classifications = pgTable(
  "classifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
  },
  (t) => [index("classifications_account").on(t.accountId)],
);

/** One inbound customer message in the team's workflow, in its current state. */
export const activityObjects = pgTable(
  "activity_objects",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => teamGroups.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => teamMembers.id, { onDelete: "set null" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    respondedPrivately: boolean("responded_privately").notNull().default(false),
    state: text("state").$type<ObjectState>().notNull(),
    caseId: bigint("case_id", { mode: "number" }).references(() => cases.id, { onDelete: "set null" }),
  },
  (t) => [
    // Every object report reads one account's objects received in a range.
    index("activity_objects_account_received").on(t.accountId, t.receivedAt),
    index("activity_objects_case").on(t.caseId),
    check("activity_objects_state", sql`${t.state} in ('new','assigned','in_progress','awaiting_approval','responded','closed','duplicate','irrelevant','redirected','no_response_required')`),
    check("activity_objects_order", sql`${t.assignedAt} >= ${t.receivedAt} and ${t.respondedAt} >= ${t.assignedAt}`),
  ],
);

export const objectClassifications = pgTable(
  "object_classifications",
  {
    objectId: bigint("object_id", { mode: "number" })
      .notNull()
      .references(() => activityObjects.id, { onDelete: "cascade" }),
    classificationId: uuid("classification_id")
      .notNull()
      .references(() => classifications.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.objectId, t.classificationId] })],
);

/** One NPS survey sent to a customer; score and answered_at stay null until answered. */
export const surveySends = pgTable(
  "survey_sends",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => teamMembers.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => teamGroups.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    score: smallint("score"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    index("survey_sends_account_form_sent").on(t.accountId, t.formId, t.sentAt),
    check("survey_sends_score", sql`${t.score} between 0 and 10`),
  ],
);
