/** Signs in through Auth.js over HTTP and times server renders of console pages. */
function cookiesFrom(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesFrom(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/manage/integrations` }),
  });
  cookiesFrom(response, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("bench sign-in failed");
  return header(jar);
}

export interface PageTiming {
  name: string;
  median: number;
  p95: number;
}

/** Full response time of a page (server render + transfer on loopback), sequential requests. */
export async function timePage(name: string, url: string, cookie: string, runs = 20): Promise<PageTiming> {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
    if (i >= 2) times.push(performance.now() - started); // two warm-up renders
  }
  times.sort((a, b) => a - b);
  return { name, median: round(times[Math.floor(times.length / 2)]!), p95: round(times[Math.floor(times.length * 0.95)]!) };
}

const round = (n: number) => Math.round(n * 10) / 10;
