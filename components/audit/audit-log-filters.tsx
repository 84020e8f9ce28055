import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { AUDIT_ACTIONS, OTHER_ACTORS } from "@/lib/audit/catalogue";

interface Props {
  path: string;
  users: { id: string; name: string }[];
  action: string;
  actor: string;
  from: string;
  to: string;
}

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * Action, actor and dates as a plain GET form: the filters live in the URL (shareable, the back
 * button works) and hold nothing personal. "Export" takes the same filters.
 */
export function AuditLogFilters({ path, users, action, actor, from, to }: Props) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <form method="get" action={path} className="flex flex-wrap items-end gap-4" aria-label="Filter the audit log">
        <Labelled id="audit-action" label="Action">
          <select id="audit-action" name="action" defaultValue={action} className={inputClass(false, "mt-1")}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="audit-actor" label="Actor">
          <select id="audit-actor" name="actor" defaultValue={actor} className={inputClass(false, "mt-1")}>
            <option value="">Everyone</option>
            {users.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {u.name}
              </option>
            ))}
            {OTHER_ACTORS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="audit-from" label="From date">
          <input id="audit-from" name="from" type="date" defaultValue={from} className={inputClass(false, "mt-1")} />
        </Labelled>
        <Labelled id="audit-to" label="To date">
          <input id="audit-to" name="to" type="date" defaultValue={to} className={inputClass(false, "mt-1")} />
        </Labelled>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      <form method="get" action={`${path}/export`} className="ml-auto flex items-end gap-2" aria-label="Export the audit log">
        {Object.entries({ action, actor, from, to }).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <Labelled id="audit-format" label="Format">
          <select id="audit-format" name="format" defaultValue="csv" className={inputClass(false, "mt-1")}>
            <option value="csv">CSV</option>
            <option value="ndjson">NDJSON</option>
          </select>
        </Labelled>
        <button type="submit" className={buttonClass("secondary")}>
          Export
        </button>
      </form>
    </div>
  );
}
