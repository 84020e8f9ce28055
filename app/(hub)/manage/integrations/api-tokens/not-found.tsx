import Link from "next/link";
import { Panel } from "@/components/ui/panel";

/**
 * A token id that does not exist, or belongs to another account: both answer exactly this,
 * inside the signed-in layout, with status 404.
 */
export default function TokenNotFound() {
  return (
    <Panel as="section" aria-labelledby="token-not-found-heading" className="max-w-xl">
      <h1 id="token-not-found-heading" className="text-lg font-semibold text-slate-900">
        API token not found
      </h1>
      <p className="mt-2 text-sm text-slate-600">This API token does not exist or has been removed.</p>
      <p className="mt-5 text-sm">
        <Link href="/manage/integrations/api-tokens" className="font-medium text-indigo-700 hover:underline">
          Back to API Tokens
        </Link>
      </p>
    </Panel>
  );
}
