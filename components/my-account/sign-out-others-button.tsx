"use client";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { signOutOtherSessions } from "@/lib/my-account/actions";

/** Ends every session of this user except this browser's. */
export function SignOutOthersButton() {
  const { pending, message, run } = useAction();
  return (
    <div className="space-y-3">
      <FormAlert message={message?.text} tone={message?.tone} />
      <Button type="button" variant="secondary" disabled={pending} onClick={() => run(signOutOtherSessions, "Your other sessions have been signed out.")}>
        Sign out other sessions
      </Button>
    </div>
  );
}
