import { clsx } from "clsx";
import { forwardRef, useId, type InputHTMLAttributes } from "react";

export const inputClass = (invalid: boolean, extra?: string) =>
  clsx(
    "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset",
    "placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:outline-none",
    "read-only:bg-slate-50",
    invalid ? "ring-red-500 focus:ring-red-600" : "ring-slate-300 focus:ring-indigo-600",
    extra,
  );

/** The message under a field; announced, and tied to the field with aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} aria-live="polite" className="mt-1.5 min-h-0 text-sm text-red-700 empty:hidden">
      {message}
    </p>
  );
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  hint?: string;
};

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, error, hint, className, id, ...props },
  ref,
) {
  const generated = useId();
  const inputId = id ?? generated;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-slate-500">
          {hint}
        </p>
      ) : null}
      <input
        ref={ref}
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={clsx(error && errorId, hint && hintId) || undefined}
        className={inputClass(Boolean(error), "mt-1.5")}
        {...props}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
});
