import { formatDateTime } from "@/lib/format";

/**
 * Details' notice for a token revoked because it was reported as leaked: when, by whom and
 * where it was found. The address is shown as a link only when it is a web address (the
 * endpoint keeps nothing else), and opens without handing this page to it.
 */
export function CompromisedNotice({ exposedAt, url, source }: { exposedAt: Date; url: string | null; source: string | null }) {
  return (
    <div role="status" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-medium">
        Compromised: this token was reported as leaked on {formatDateTime(exposedAt)} and revoked at once. It no longer works and
        cannot be restored.
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-red-800">Reported by</dt>
        <dd>{source ?? "Unknown"}</dd>
        <dt className="text-red-800">Found at</dt>
        <dd className="break-all">
          {url ? (
            <a href={url} rel="noopener noreferrer nofollow" target="_blank" className="underline">
              {url}
            </a>
          ) : (
            "Not given by the reporter"
          )}
        </dd>
      </dl>
      <p className="mt-2">Create a new token, and replace this one wherever it was used.</p>
    </div>
  );
}
