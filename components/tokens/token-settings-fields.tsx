"use client";

import { Controller, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { TextField } from "@/components/ui/field";
import { DESCRIPTION_MAX } from "@/lib/tokens/schema";
import { AttributesPicker, type AttributeOption } from "./attributes-picker";
import { IpAllowListFields } from "./ip-allow-list-fields";
import { LinkingAttributePicker } from "./linking-attribute-picker";

export type SettingsValues = {
  description: string;
  exposedAttributes: string[];
  linkingAttribute: string;
  ipAllowList: Array<{ value: string }>;
};

interface Props {
  control: Control<SettingsValues>;
  register: UseFormRegister<SettingsValues>;
  errors: FieldErrors<SettingsValues>;
  profileRead: boolean;
  attributes: AttributeOption[];
  currentIp?: string;
  disabled?: boolean;
}

/** The settings both token forms share: description, Profile Read's attributes, IP whitelist. */
export function TokenSettingsFields({ control, register, errors, profileRead, attributes, currentIp, disabled }: Props) {
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
        </>
      ) : null}
      <IpAllowListFields
        control={control as unknown as Control<Pick<SettingsValues, "ipAllowList">>}
        register={register as unknown as UseFormRegister<Pick<SettingsValues, "ipAllowList">>}
        errors={errors}
        required={profileRead}
        currentIp={currentIp}
        disabled={disabled}
      />
    </>
  );
}
