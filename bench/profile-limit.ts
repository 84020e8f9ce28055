import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { ratio, type LoadResult, type Scenario } from "./load";
import { startApp, type Running } from "./processes";
import { insertProfileTokens, type BenchAccount } from "./seed";

const JANE = "/api/v1/profile?email=jane.remington%40demo-retail.test";
const ON = "daily limit A/B: warm lookup, limit on";
const OFF = "daily limit A/B: warm lookup, limit off";

/**
 * Warm Profile Read lookups with the daily profile limit on (10,000, as shipped) and off (no
 * limit), both on one instance of their own, A-B-B-A every round (a load leaves its instance
 * writing the access log behind it, which slows whatever runs next). Two tokens alike but for
 * the limit, reading Jane: after the first lookup of the day, the limit's warm path (a customer
 * this instance already let in). Starts the instance on `port` and adds it to `running`.
 */
export async function profileLimitScenarios(account: BenchAccount, port: number, running: Running[]): Promise<Scenario[]> {
  const [on, off] = await insertProfileTokens(account, 2);
  await getDb().update(apiTokens).set({ dailyProfileLimit: null }).where(eq(apiTokens.id, off!.id));
  const instance = await startApp(port);
  running.push(instance);
  const lookup = (name: string, token: string) => ({ name, url: `${instance.url}${JANE}`, options: { token } });
  return [lookup(`${OFF} (1st)`, off!.token), lookup(`${ON} (1st)`, on!.token), lookup(`${ON} (2nd)`, on!.token), lookup(`${OFF} (2nd)`, off!.token)];
}

/** `dailyLimitOnVsOff`: on over off, the geometric mean of the two pairs' ratios (each pair's order cancels out). */
export function dailyLimitOnVsOff(loads: LoadResult[]): number {
  const find = (name: string) => loads.find((l) => l.name === name)!;
  const first = ratio(find(`${ON} (1st)`), find(`${OFF} (1st)`));
  const second = ratio(find(`${ON} (2nd)`), find(`${OFF} (2nd)`));
  return Math.round(Math.sqrt(first * second) * 100) / 100;
}
