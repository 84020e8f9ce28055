"use client";

import { useId, useState } from "react";
import { FieldError, inputClass } from "@/components/ui/field";

export interface AttributeOption {
  key: string;
  displayName: string;
  /** Names one profile: only these can be a linking attribute. */
  identifiesProfile: boolean;
}

interface Props {
  attributes: AttributeOption[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
  disabled?: boolean;
}

/** "Attributes to expose": a searchable group of checkboxes, one per catalogue attribute. */
export function AttributesPicker({ attributes, value, onChange, error, disabled }: Props) {
  const [query, setQuery] = useState("");
  const id = useId();
  const selected = new Set(value);
  const needle = query.trim().toLowerCase();
  const visible = needle
    ? attributes.filter((a) => a.displayName.toLowerCase().includes(needle) || a.key.includes(needle))
    : attributes;

  const toggle = (key: string, checked: boolean) =>
    onChange(checked ? [...value, key] : value.filter((k) => k !== key));

  return (
    <fieldset aria-describedby={`${id}-error`} aria-invalid={error ? true : undefined} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-800">Attributes to expose</legend>
      <p className="mt-0.5 text-sm text-slate-500">
        Only these attributes are returned by the Profile Read API. {value.length} selected.
      </p>
      <div className="mt-2">
        <label htmlFor={`${id}-filter`} className="sr-only">
          Filter attributes
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          placeholder="Filter attributes"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className={inputClass(false)}
        />
      </div>
      <div className={`mt-2 max-h-56 overflow-y-auto rounded-md border p-2 ${error ? "border-red-400" : "border-slate-200"}`}>
        {visible.length === 0 ? (
          <p className="px-2 py-1.5 text-sm text-slate-500">No attributes match “{query}”.</p>
        ) : (
          <ul className="grid gap-x-4 sm:grid-cols-2">
            {visible.map((attribute) => (
              <li key={attribute.key}>
                <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-slate-50">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
                    checked={selected.has(attribute.key)}
                    onChange={(e) => toggle(attribute.key, e.target.checked)}
                  />
                  {attribute.displayName}
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
