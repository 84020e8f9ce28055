import { and, asc, count, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { cases, formGroups, forms, messages, teamGroups, teamMemberGroups, teamMembers } from "@/db/tables";
import { queryBound, type ActivityQuery } from "./schema";

/** A zone's offset from UTC now, in hours (10, 5.5, -4). */
export function gmtOffsetHours(timeZone: string, at = new Date()): number {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? "");
    return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
  } catch {
    return 0; // an unknown zone name reads as UTC rather than failing the whole list
  }
}

const utc = (d: Date | null) => (d ? d.toISOString() : null);

/** The team's members, every field partners' scripts read; group memberships as ids. */
export async function listMembers(accountId: string) {
  const db = getDb();
  const [members, memberships] = await Promise.all([
    db.select().from(teamMembers).where(eq(teamMembers.accountId, accountId)).orderBy(asc(teamMembers.lastName), asc(teamMembers.firstName)),
    db
      .select({ memberId: teamMemberGroups.memberId, id: teamGroups.id })
      .from(teamMemberGroups)
      .innerJoin(teamGroups, eq(teamGroups.id, teamMemberGroups.groupId))
      .where(eq(teamGroups.accountId, accountId))
      .orderBy(asc(teamGroups.name)),
  ]);
  const now = new Date();
  return members.map((m) => ({
    id: m.id,
    email: m.email,
    first_name: m.firstName,
    last_name: m.lastName,
    timezone: m.timezone,
    gmtoffset: gmtOffsetHours(m.timezone, now),
    sign_in_count: m.signInCount,
    last_sign_in_at: utc(m.lastSignInAt),
    archived: m.archived,
    groups: memberships.filter((g) => g.memberId === m.id).map((g) => g.id),
  }));
}

export async function listGroups(accountId: string) {
  const rows = await getDb()
    .select({ id: teamGroups.id, name: teamGroups.name, comment: teamGroups.comment, member_count: count(teamMemberGroups.memberId) })
    .from(teamGroups)
    .leftJoin(teamMemberGroups, eq(teamMemberGroups.groupId, teamGroups.id))
    .where(eq(teamGroups.accountId, accountId))
    .groupBy(teamGroups.id, teamGroups.name, teamGroups.comment)
    .orderBy(asc(teamGroups.name));
  return rows;
}

/** Every form and survey, NPS or not, with the groups allowed to use it. */
export async function listForms(accountId: string) {
  const db = getDb();
  const [rows, allowed] = await Promise.all([
    db.select().from(forms).where(eq(forms.accountId, accountId)).orderBy(asc(forms.name)),
    db
      .select({ formId: formGroups.formId, groupId: formGroups.groupId })
      .from(formGroups)
      .innerJoin(forms, eq(forms.id, formGroups.formId))
      .where(eq(forms.accountId, accountId)),
  ]);
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    title: f.title,
    archived: f.archived,
    created_at: f.createdAt.toISOString(),
    groups: allowed.filter((a) => a.formId === f.id).map((a) => a.groupId),
    nps: f.nps,
    form_url: f.formUrl,
  }));
}

type Row = { key: string | null; value: number | null };

/** One metric over whole UTC days (or from one instant to another), grouped by team member, group or day. */
export async function runActivityQuery(accountId: string, query: ActivityQuery) {
  const from = new Date(queryBound(query.from, "from")!);
  const toExclusive = new Date(queryBound(query.to, "to")!);
  const rows = await aggregate(accountId, query, from, toExclusive);
  // A group with nothing in the range counts 0; an average of nothing is null.
  const empty = query.metric === "average_response_seconds" ? null : 0;
  const valueOf = new Map(rows.map((r) => [r.key, r.value]));
  const value = (key: string) => valueOf.get(key) ?? empty;

  if (query.group_by === "day") {
    const days = [];
    // UTC days from the one holding `from` to the one holding the last included instant.
    for (let t = from.getTime() - (from.getTime() % 86_400_000); t < toExclusive.getTime(); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      days.push({ day, value: value(day) });
    }
    return days;
  }
  if (query.group_by === "user") {
    const members = await listMembers(accountId);
    return members.map((m) => ({ user_id: m.id, email: m.email, value: value(m.id) }));
  }
  const groups = await listGroups(accountId);
  return groups.map((g) => ({ group_id: g.id, name: g.name, value: value(g.id) }));
}

async function aggregate(accountId: string, query: ActivityQuery, from: Date, toExclusive: Date): Promise<Row[]> {
  const db = getDb();
  const dayOf = (column: PgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
  if (query.metric === "cases_closed") {
    const key: SQL<string> | PgColumn =
      query.group_by === "day" ? dayOf(cases.closedAt) : query.group_by === "user" ? cases.memberId : cases.groupId;
    return db
      .select({ key: sql<string>`${key}`, value: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.accountId, accountId), gte(cases.closedAt, from), lt(cases.closedAt, toExclusive)))
      .groupBy(key);
  }
  const value =
    query.metric === "messages_sent" ? sql<number>`count(*)::int` : sql<number>`round(avg(${messages.responseSeconds}))::int`;
  const key: SQL<string> | PgColumn =
    query.group_by === "day" ? dayOf(messages.sentAt) : query.group_by === "user" ? messages.memberId : cases.groupId;
  return db
    .select({ key: sql<string>`${key}`, value })
    .from(messages)
    .innerJoin(cases, eq(cases.id, messages.caseId))
    .where(and(eq(messages.accountId, accountId), gte(messages.sentAt, from), lt(messages.sentAt, toExclusive)))
    .groupBy(key);
}
