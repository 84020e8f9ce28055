import { clsx } from "clsx";
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

// Every state reads at 4.5:1 or better (white on indigo-600 6.4, on hover's indigo-500 4.6; the
// disabled pairs 5.8 to 6.8; slate-500 on white 4.8), and colours change at once, never fading: a
// fade from the old pale disabled fill (2:1) to the enabled one is what axe once caught mid-way.
// `disabled:` rules come after `hover:` in Tailwind's order, so a hovered disabled button keeps them.
const variants: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-200 disabled:text-indigo-800",
  secondary: "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:bg-white disabled:text-slate-500",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-200 disabled:text-red-800",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:bg-transparent disabled:text-slate-500",
};

export function buttonClass(variant: Variant = "primary", extra?: string) {
  return clsx(
    "inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-semibold shadow-xs",
    "disabled:cursor-not-allowed",
    variants[variant],
    extra,
  );
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}
