import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

// The team-performance data the Activity API reports on: team members, groups, forms, and the
// cases and messages (members' replies) they handle. Inbound objects, classifications, SLA targets
// and survey sends are in respond.ts.

export const teamMembers = pgTable(
  "team_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    timezone: text("timezone").notNull(),
    archived: boolean("archived").notNull().default(false),
    signInCount: integer("sign_in_count").notNull().default(0),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [index("team_members_account").on(t.accountId)],
);

export const teamGroups = pgTable(
  "team_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [index("team_groups_account").on(t.accountId)],
);

export const teamMemberGroups = pgTable(
  "team_member_groups",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => teamMembers.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => teamGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.groupId] })],
);

export const forms = pgTable(
  "forms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    archived: boolean("archived").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // An NPS survey: its sends carry a 0–10 score the NPS reports read.
    nps: boolean("nps").notNull().default(false),
    formUrl: text("form_url").notNull().default(""),
  },
  (t) => [index("forms_account").on(t.accountId)],
);

/** The groups allowed to use a form. */
export const formGroups = pgTable(
  "form_groups",
  {
    formId: uuid("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => teamGroups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.formId, t.groupId] })],
);

export const cases = pgTable(
  "cases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => teamMembers.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => teamGroups.id, { onDelete: "cascade" }),
    formId: uuid("form_id").references(() => forms.id, { onDelete: "set null" }),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    // A case exists once a member replied; member_id and group_id come from that first reply.
    // The reply figures are kept on the case so case reports read one row per case.
    firstReplyAt: timestamp("first_reply_at", { withTimezone: true }),
    lastReplyAt: timestamp("last_reply_at", { withTimezone: true }),
    replyCount: integer("reply_count").notNull().default(1),
    memberCount: integer("agent_count").notNull().default(1),
  },
  (t) => [index("cases_account_closed").on(t.accountId, t.closedAt), index("cases_account_opened").on(t.accountId, t.openedAt)],
);

export const messages = pgTable(
  "messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    caseId: bigint("case_id", { mode: "number" })
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => teamMembers.id, { onDelete: "cascade" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    // Seconds between the customer's message and this reply.
    responseSeconds: integer("response_seconds").notNull(),
  },
  (t) => [index("messages_account_sent").on(t.accountId, t.sentAt)],
);
