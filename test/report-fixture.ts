import { getDb } from "@/db";
import {
  accounts,
  activityObjects,
  cases,
  classifications,
  forms,
  objectClassifications,
  slaTargets,
  surveySends,
  teamGroups,
  teamMemberGroups,
  teamMembers,
  type ObjectState,
} from "@/db/tables";

const at = (iso: string) => new Date(iso);
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000);

/**
 * A tiny account whose report numbers are known by hand (times in UTC; the tests read them on
 * +10:00, so 2026-02-28T14:00Z is local 2026-03-01 00:00). SLA: 3600 s response, 900 s action.
 *
 *  o1 Ann/G1  received 14:30Z 02-28  rt 3000 art 2400  closed      Delivery          case c1
 *  o2 Ann/G1  received 02:00Z 03-01  rt 7200 art 7140  closed      Delivery, Refund  case c1 (private)
 *  o3 Bob/G2  received 03:00Z 03-01  rt  400 art  300  responded   Refund            case c2 (open)
 *  o4 Bob/G2  received 05:00Z 03-02  not responded     in_progress
 *  o5 —  /G1  received 06:00Z 03-02  unassigned        new
 *  o6 Ann/G1  received 13:59:59Z 02-28: one second before the range
 */
export async function seedReportFixture() {
  const db = getDb();
  const slug = `report-${Math.random().toString(36).slice(2, 8)}`;
  const [account] = await db.insert(accounts).values({ slug, name: slug }).returning();
  const accountId = account!.id;
  await db.insert(slaTargets).values({ accountId, responseSlaSeconds: 3600, actionSlaSeconds: 900 });
  const [g1, g2] = await db.insert(teamGroups).values([{ accountId, name: "G1" }, { accountId, name: "G2" }]).returning();
  const [ann, bob] = await db
    .insert(teamMembers)
    .values([
      { accountId, email: "ann@x.test", firstName: "Ann", lastName: "Able", timezone: "Australia/Sydney" },
      { accountId, email: "bob@x.test", firstName: "Bob", lastName: "Best", timezone: "Asia/Kolkata" },
    ])
    .returning();
  await db.insert(teamMemberGroups).values([{ memberId: ann!.id, groupId: g1!.id }, { memberId: bob!.id, groupId: g2!.id }]);
  const [delivery, refund] = await db.insert(classifications).values([{ accountId, name: "Delivery" }, { accountId, name: "Refund" }]).returning();

  const [c1, c2] = await db
    .insert(cases)
    .values([
      // Opened with o1; o2's reply is its last; closed 24 h after that.
      { accountId, memberId: ann!.id, groupId: g1!.id, openedAt: at("2026-02-28T14:30:00Z"), firstReplyAt: plus("2026-02-28T14:30:00Z", 3000),
        lastReplyAt: at("2026-03-01T04:00:00Z"), replyCount: 2, memberCount: 2, closedAt: at("2026-03-02T04:00:00Z") },
      { accountId, memberId: bob!.id, groupId: g2!.id, openedAt: at("2026-03-01T03:00:00Z"), firstReplyAt: plus("2026-03-01T03:00:00Z", 400),
        lastReplyAt: plus("2026-03-01T03:00:00Z", 400), replyCount: 1, memberCount: 1, closedAt: null },
      // Closed before the range.
      { accountId, memberId: ann!.id, groupId: g1!.id, openedAt: at("2026-02-20T00:00:00Z"), firstReplyAt: at("2026-02-20T01:00:00Z"),
        lastReplyAt: at("2026-02-20T01:00:00Z"), replyCount: 1, memberCount: 1, closedAt: at("2026-02-25T00:00:00Z") },
    ])
    .returning();

  const object = (memberId: string | null, groupId: string, received: string, assign: number | null, respond: number | null, state: ObjectState, caseId: number | null = null, respondedPrivately = false) => ({
    accountId, memberId, groupId, state, caseId, respondedPrivately,
    receivedAt: at(received),
    assignedAt: assign === null ? null : plus(received, assign),
    respondedAt: respond === null ? null : plus(received, respond),
  });
  const [o1, o2, o3] = await db
    .insert(activityObjects)
    .values([
      object(ann!.id, g1!.id, "2026-02-28T14:30:00Z", 600, 3000, "closed", c1!.id),
      object(ann!.id, g1!.id, "2026-03-01T02:00:00Z", 60, 7200, "closed", c1!.id, true),
      object(bob!.id, g2!.id, "2026-03-01T03:00:00Z", 100, 400, "responded", c2!.id),
      object(bob!.id, g2!.id, "2026-03-02T05:00:00Z", 100, null, "in_progress"),
      object(null, g1!.id, "2026-03-02T06:00:00Z", null, null, "new"),
      object(ann!.id, g1!.id, "2026-02-28T13:59:59Z", 10, 20, "closed"),
    ])
    .returning();
  await db.insert(objectClassifications).values([
    { objectId: o1!.id, classificationId: delivery!.id },
    { objectId: o2!.id, classificationId: delivery!.id },
    { objectId: o2!.id, classificationId: refund!.id },
    { objectId: o3!.id, classificationId: refund!.id },
  ]);

  const [nps, plain] = await db
    .insert(forms)
    .values([{ accountId, name: "NPS", nps: true }, { accountId, name: "Contact", nps: false }])
    .returning();
  // 5 promoters, 2 passives, 3 detractors, 2 unanswered: NPS 50 − 30 = 20. One a day from 03-01 local.
  const scores = [9, 10, 9, 10, 9, 7, 8, 0, 5, 6, null, null];
  await db.insert(surveySends).values(
    scores.map((score, i) => ({
      accountId, formId: nps!.id, memberId: i % 2 ? bob!.id : ann!.id, groupId: i % 2 ? g2!.id : g1!.id,
      sentAt: plus("2026-02-28T15:00:00Z", (i % 5) * 86_400),
      score, answeredAt: score === null ? null : plus("2026-02-28T15:00:00Z", (i % 5) * 86_400 + 7 * 86_400),
    })),
  );
  return { accountId, ann: ann!.id, bob: bob!.id, g1: g1!.id, g2: g2!.id, delivery: delivery!.id, refund: refund!.id, npsForm: nps!.id, plainForm: plain!.id };
}
