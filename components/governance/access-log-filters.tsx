import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { ACCESS_OUTCOMES } from "@/lib/governance/filters";
import { accessOutcomeLabels } from "@/lib/governance/outcome-labels";

interface Props {
  path: string;
  from: string;
  to: string;
  outcome: string;
}

/**
 * Date range and outcome as a plain GET form: the filters live in the URL (shareable, back
 * button works). A search is never in the URL, so filtering starts without one; the same range
 * feeds "Export".
 */
export function AccessLogFilters({ path, from, to, outcome }: Props) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <form method="get" action={path} className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="access-from" className="block text-sm font-medium text-slate-800">
            From date
          </label>
          <input id="access-from" name="from" type="date" defaultValue={from} className={inputClass(false, "mt-1")} />
        </div>
        <div>
          <label htmlFor="access-to" className="block text-sm font-medium text-slate-800">
            To date
          </label>
          <input id="access-to" name="to" type="date" defaultValue={to} className={inputClass(false, "mt-1")} />
        </div>
        <div>
          <label htmlFor="access-outcome" className="block text-sm font-medium text-slate-800">
            Outcome
          </label>
          <select id="access-outcome" name="outcome" defaultValue={outcome} className={inputClass(false, "mt-1")}>
            <option value="">All outcomes</option>
            {ACCESS_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {accessOutcomeLabels[o]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      <form method="get" action={`${path}/export`} className="ml-auto flex items-end gap-2">
        {from ? <input type="hidden" name="from" value={from} /> : null}
        {to ? <input type="hidden" name="to" value={to} /> : null}
        <div>
          <label htmlFor="access-format" className="block text-sm font-medium text-slate-800">
            Format
          </label>
          <select id="access-format" name="format" defaultValue="csv" className={inputClass(false, "mt-1")}>
            <option value="csv">CSV</option>
            <option value="ndjson">NDJSON</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Export
        </button>
      </form>
    </div>
  );
}
