"use client";

import { useId, useState } from "react";
import { FieldError, inputClass } from "@/components/ui/field";
import { linkingMatches } from "@/lib/tokens/linking";
import type { AttributeOption } from "./attributes-picker";

const quickChoices = [
  { key: "email", label: "Email" },
  { key: "customer_id", label: "Customer ID" },
];
const quickKeys = quickChoices.map((c) => c.key);

interface Props {
  attributes: AttributeOption[];
  value: string;
  onChange: (key: string) => void;
  error?: string;
  disabled?: boolean;
}

/** "Linking attribute": quick choices, or "Custom" with a search whose matches are radios. */
export function LinkingAttributePicker({ attributes, value, onChange, error, disabled }: Props) {
  const id = useId();
  const isQuick = quickChoices.some((c) => c.key === value);
  const [custom, setCustom] = useState(Boolean(value) && !isQuick);
  const [query, setQuery] = useState("");
  // Only attributes that identify one profile are offered; quick choices are not repeated
  // among the matches (one radio per attribute).
  const current = attributes.find((a) => a.key === value && a.identifiesProfile);
  const found = linkingMatches(attributes, query, quickKeys);
  // The chosen attribute always stays on screen, whatever the search shows.
  const matches = custom && current && !found.includes(current) ? [current, ...found] : found;
  const radio = "h-4 w-4 border-slate-300 accent-indigo-600";

  return (
    <fieldset aria-describedby={`${id}-hint ${id}-error`} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-800">Linking attribute</legend>
      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-500">
        The attribute callers look profiles up by, e.g. <code>?email=…</code>
      </p>
      <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
        {quickChoices.map((choice) => (
          <label key={choice.key} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-mode`}
              className={radio}
              checked={!custom && value === choice.key}
              onChange={() => {
                setCustom(false);
                onChange(choice.key);
              }}
            />
            {choice.label}
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${id}-mode`}
            className={radio}
            checked={custom}
            onChange={() => {
              setCustom(true);
              if (isQuick) onChange("");
            }}
          />
          Custom
        </label>
      </div>
      {custom ? (
        <div className="mt-3 rounded-md border border-slate-200 p-3">
          <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-800">
            Search attributes
          </label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className={inputClass(false, "mt-1.5")}
            placeholder="e.g. referral"
          />
          <div role="radiogroup" aria-label="Matching attributes" className="mt-2 grid gap-1 sm:grid-cols-2">
            {matches.length === 0 ? <p className="text-sm text-slate-500">No attributes match “{query}”.</p> : null}
            {matches.map((attribute) => (
              <label key={attribute.key} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                <input
                  type="radio"
                  name={`${id}-custom`}
                  className={radio}
                  checked={value === attribute.key}
                  onChange={() => onChange(attribute.key)}
                />
                {attribute.displayName}
              </label>
            ))}
          </div>
          {current ? (
            <p className="mt-2 text-sm text-slate-600">
              Linking on <strong>{current.displayName}</strong> (<code>{current.key}</code>)
            </p>
          ) : null}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
