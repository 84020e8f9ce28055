"use client";

import { Controller, useFormContext, useFormState } from "react-hook-form";
import { TextField } from "@/components/ui/field";
import { DESCRIPTION_MAX, type SharedSettingsValues } from "@/lib/tokens/schema";
import { AttributesPicker, type AttributeOption } from "./attributes-picker";
import { IpAllowListFields } from "./ip-allow-list-fields";
import { LinkingAttributePicker } from "./linking-attribute-picker";
import { ProfileReadLimits } from "./profile-read-limits";
import { ScopesPicker } from "./scopes-picker";

interface Props {
  profileRead: boolean;
  attributes: AttributeOption[];
  currentIp?: string;
  disabled?: boolean;
}

/**
 * The settings both token forms share: description, an Activity token's scopes, a Profile Read
 * token's attributes, purpose and daily limit, IP whitelist.
 * Rendered inside either form's FormProvider.
 */
export function TokenSettingsFields({ profileRead, attributes, currentIp, disabled }: Props) {
  const { control, register } = useFormContext<SharedSettingsValues>();
  const { errors } = useFormState({ control });
  return (
    <>
      <TextField
        label="Description"
        hint={`What this token is for, so you recognise it later (up to ${DESCRIPTION_MAX} characters).`}
        maxLength={DESCRIPTION_MAX + 20}
        autoComplete="off"
        error={errors.description?.message}
        disabled={disabled}
        {...register("description")}
      />
      {profileRead ? (
        <>
          <Controller
            control={control}
            name="exposedAttributes"
            render={({ field, fieldState }) => (
              <AttributesPicker
                attributes={attributes}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                disabled={disabled}
              />
            )}
          />
          <Controller
            control={control}
            name="linkingAttribute"
            render={({ field, fieldState }) => (
              <LinkingAttributePicker
                attributes={attributes}
                value={field.value}
                onChange={field.onChange}
                error={fieldState.error?.message}
                disabled={disabled}
              />
            )}
          />
          <ProfileReadLimits disabled={disabled} />
        </>
      ) : (
        <Controller
          control={control}
          name="scopes"
          render={({ field, fieldState }) => (
            <ScopesPicker value={field.value ?? []} onChange={field.onChange} error={fieldState.error?.message} disabled={disabled} />
          )}
        />
      )}
      <IpAllowListFields
        required={profileRead}
        currentIp={currentIp}
        disabled={disabled}
      />
    </>
  );
}
