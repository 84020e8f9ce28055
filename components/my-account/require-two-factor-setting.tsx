"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { saveRequireAdminTwoFactor } from "@/lib/my-account/settings-actions";

/** Team: admins require two-factor of every admin; one without it is sent to My account. */
export function RequireTwoFactorSetting({ initial }: { initial: boolean }) {
  const id = useId();
  const [checked, setChecked] = useState(initial);
  const { pending, message, run } = useAction();
  return (
    <form
      method="post"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => saveRequireAdminTwoFactor({ requireAdminTwoFactor: checked }), "Saved.");
      }}
    >
      <FormAlert message={message?.text} tone={message?.tone} />
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex items-center gap-2">
          <input id={id} type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} className="h-4 w-4 rounded border-slate-300 text-indigo-600" />
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            Require two-factor authentication for admins
          </label>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
