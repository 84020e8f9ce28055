import { request as httpRequest } from "node:http";

/** One HTTP exchange from a chosen loopback address (127.0.0.0/8 all reach the server). */
function exchange(base: string, from: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  const url = new URL(path, base);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: from }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/**
 * A script posting a password to Auth.js's credentials callback, as a guessing tool would,
 * from the loopback address `from`. Returns where Auth.js redirects (its answer).
 */
export async function scriptedSignIn(base: string, from: string, email: string, password: string): Promise<string> {
  const csrf = await exchange(base, from, "GET", "/api/auth/csrf", {});
  const cookie = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const body = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/manage/integrations" }).toString();
  const answer = await exchange(base, from, "POST", "/api/auth/callback/credentials", {
    cookie,
    "content-type": "application/x-www-form-urlencoded",
    "content-length": String(Buffer.byteLength(body)),
  }, body);
  return String(answer.headers.location ?? "");
}
