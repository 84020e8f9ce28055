import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startProcess, waitForUrl } from "../../test/app-process";

/** The Debian package's binary (`apt-get install nginx`); elsewhere whatever `NGINX_PATH` names. */
export const nginxPath = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
export const hasNginx = existsSync(nginxPath);

/**
 * What every proxied location sends on, as an operator's nginx in front of the Hub would
 * (compose.yaml's proxy says the same): the original Host, the client in X-Forwarded-For, and a
 * request id — the caller's when it sent one, else nginx's own `$request_id`.
 */
const proxied = (upstream: string) => `
      proxy_pass http://${upstream};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $hub_request_id;`;

/**
 * nginx on loopback: `port` balances over `instances` (round robin), and `pinned[i]` reaches
 * instance i alone, so a test can make a session on one and use it on the other.
 */
export async function startNginx(port: number, instances: string[], pinned: number[]) {
  const dir = mkdtempSync(join(tmpdir(), "hub-nginx-"));
  chmodSync(dir, 0o755);
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, temp));
  const config = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  # Large answers are streamed, never spooled to disk (a root master's workers run as nobody).
  proxy_max_temp_file_size 0;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_x_request_id $hub_request_id { default $http_x_request_id; "" $request_id; }
  upstream hub { ${instances.map((i) => `server ${i};`).join(" ")} keepalive 16; }
  server { listen 127.0.0.1:${port}; location / { ${proxied("hub")} } }
${pinned.map((p, i) => `  upstream hub${i} { server ${instances[i]}; keepalive 4; }\n  server { listen 127.0.0.1:${p}; location / { ${proxied(`hub${i}`)} } }`).join("\n")}
}
`;
  writeFileSync(join(dir, "nginx.conf"), config);
  const nginx = startProcess(nginxPath, ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")], { capture: true });
  await waitForUrl(`http://127.0.0.1:${port}/api/v1/live`, nginx.child, 30_000);
  return { url: `http://127.0.0.1:${port}`, pinnedUrls: pinned.map((p) => `http://127.0.0.1:${p}`), stop: () => nginx.stop(), output: nginx.output };
}
