import type { Tx } from "@/db";
import {
  activityObjects,
  cases,
  classifications,
  formGroups,
  forms,
  messages,
  objectClassifications,
  slaTargets,
  surveySends,
  teamGroups,
  teamMemberGroups,
  teamMembers,
} from "@/db/tables";
import { planTeam } from "./activity";
import { planRespond, type Conversation } from "./respond";
import { chunk, type Random } from "./random";

type Ids = Map<string, string>;

async function insertTeam(tx: Tx, accountId: string, team: ReturnType<typeof planTeam>) {
  const groupRows = await tx.insert(teamGroups).values(team.groups.map((g) => ({ accountId, ...g }))).returning();
  const group: Ids = new Map(groupRows.map((g) => [g.name, g.id]));
  const formRows = await tx.insert(forms).values(team.forms.map(({ groups: _g, ...f }) => ({ accountId, ...f }))).returning();
  const form: Ids = new Map(formRows.map((f) => [f.name, f.id]));
  await tx.insert(formGroups).values(team.forms.flatMap((f) => f.groups.map((g) => ({ formId: form.get(f.name)!, groupId: group.get(g)! }))));
  const memberRows = await tx
    .insert(teamMembers)
    .values(team.members.map(({ key: _key, groups: _groups, ...m }) => ({ accountId, ...m })))
    .returning();
  const member: Ids = new Map(team.members.map((m, i) => [m.key, memberRows[i]!.id]));
  await tx.insert(teamMemberGroups).values(team.members.flatMap((m) => m.groups.map((g) => ({ memberId: member.get(m.key)!, groupId: group.get(g)! }))));
  const classificationRows = await tx.insert(classifications).values(team.classifications.map((name) => ({ accountId, name }))).returning();
  return { group, form, member, classification: classificationRows.map((c) => c.id) };
}

type TeamIds = Awaited<ReturnType<typeof insertTeam>>;

/** Cases first (objects point at them), then objects, their classifications and the replies. */
async function insertConversations(tx: Tx, accountId: string, ids: TeamIds, batch: Conversation[]) {
  const withCase = batch.filter((c) => c.case);
  const caseRows = withCase.length
    ? await tx
        .insert(cases)
        .values(withCase.map(({ case: c }) => ({ accountId, ...c!, memberId: ids.member.get(c!.memberKey)!, groupId: ids.group.get(c!.group)! })))
        .returning({ id: cases.id })
    : [];
  const caseId = new Map(withCase.map((c, i) => [c, caseRows[i]!.id]));
  const objects = batch.flatMap((c) => c.objects.map((o) => ({ o, caseId: o.respondedAt ? (caseId.get(c) ?? null) : null })));
  const objectRows = await tx
    .insert(activityObjects)
    .values(objects.map(({ o, caseId }) => ({
      accountId,
      groupId: ids.group.get(o.group)!,
      memberId: o.memberKey ? ids.member.get(o.memberKey)! : null,
      receivedAt: o.receivedAt,
      assignedAt: o.assignedAt,
      respondedAt: o.respondedAt,
      respondedPrivately: o.respondedPrivately,
      state: o.state,
      caseId,
    })))
    .returning({ id: activityObjects.id });
  const tags = objects.flatMap(({ o }, i) => o.classifications.map((c) => ({ objectId: objectRows[i]!.id, classificationId: ids.classification[c]! })));
  if (tags.length) await tx.insert(objectClassifications).values(tags);
  const replies = objects
    .filter(({ o, caseId }) => caseId !== null && o.respondedAt)
    .map(({ o, caseId }) => ({
      accountId,
      caseId: caseId!,
      memberId: ids.member.get(o.memberKey!)!,
      sentAt: o.respondedAt!,
      responseSeconds: Math.round((o.respondedAt!.getTime() - o.receivedAt.getTime()) / 1000),
    }));
  if (replies.length) await tx.insert(messages).values(replies);
}

/** The team, its 90 days of Respond activity and NPS sends, and the account's SLA targets. */
export async function seedActivity(tx: Tx, accountId: string, spec: { domain: string; teamSize: number; objectsPerWeekday: number }, random: Random, today: Date) {
  const team = planTeam(spec.domain, spec.teamSize, random, today);
  const ids = await insertTeam(tx, accountId, team);
  await tx.insert(slaTargets).values({ accountId, responseSlaSeconds: 3600, actionSlaSeconds: 900 });
  const { conversations, sends } = planRespond(team, spec.objectsPerWeekday, random, today);
  for (const batch of chunk(conversations, 400)) await insertConversations(tx, accountId, ids, batch);
  for (const batch of chunk(sends, 1000)) {
    await tx.insert(surveySends).values(batch.map((s) => ({
      accountId,
      formId: ids.form.get(s.form)!,
      memberId: ids.member.get(s.memberKey)!,
      groupId: ids.group.get(s.group)!,
      sentAt: s.sentAt,
      score: s.score,
      answeredAt: s.answeredAt,
    })));
  }
}
