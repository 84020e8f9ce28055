"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";
import { FieldError, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SecretReveal } from "@/components/tokens/secret-reveal";
import { createEndpoint } from "@/lib/webhooks/actions";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { createEndpointSchema, type CreateEndpointInput } from "@/lib/webhooks/schema";

export function NewEndpointForm() {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [formError, setFormError] = useState<string>();
  const [created, setCreated] = useState<{ endpointId: string; secret: string } | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<CreateEndpointInput>({
    resolver: zodResolver(createEndpointSchema, undefined, { raw: true }),
    defaultValues: { url: "", description: "", events: [] },
  });

  if (created) {
    return (
      <SecretReveal
        token={created.secret}
        title="Your endpoint is ready"
        label="Signing secret"
        doneHref={`/manage/integrations/webhooks/${created.endpointId}`}
        doneLabel="Go to endpoint"
      />
    );
  }

  const onSubmit = handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await createEndpoint(values);
      if (result.ok) setCreated(result.data);
      else setFormError(applyActionErrors(result, setError));
    });
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormAlert message={formError} />
      <TextField
        label="Endpoint URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://example.com/hub-webhooks"
        hint="https:// on port 443 or 8443 (http:// only to localhost in development). Redirects are not followed."
        error={formState.errors.url?.message}
        {...register("url")}
      />
      <TextField label="Description" error={formState.errors.description?.message} {...register("description")} />
      <fieldset aria-describedby="events-error">
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <div key={type} className="flex gap-2">
              <input
                id={`event-${type}`}
                type="checkbox"
                value={type}
                aria-describedby={`event-${type}-hint`}
                className="mt-0.5 h-4 w-4 rounded accent-indigo-600"
                {...register("events")}
              />
              <div>
                <label htmlFor={`event-${type}`} className="block font-mono text-sm text-slate-900">
                  {type}
                </label>
                <p id={`event-${type}-hint`} className="text-sm text-slate-500">
                  {WEBHOOK_EVENTS[type].description}
                </p>
              </div>
            </div>
          ))}
        </div>
        <FieldError id="events-error" message={formState.errors.events?.message ?? formState.errors.events?.root?.message} />
      </fieldset>
      <div className="flex justify-end gap-3 border-t border-slate-200 pt-5">
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
