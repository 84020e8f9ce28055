import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buttonClass } from "./button";

// Tailwind's palette as the build uses it (oklch), read from the installed theme.
const theme = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");
const PAGE_BACKGROUNDS = ["white", "slate-50"]; // panels and the page behind them

function oklch(name: string): [number, number, number] {
  if (name === "white") return [100, 0, 0];
  const match = new RegExp(`--color-${name}: oklch\\(([\\d.]+)% ([\\d.]+) ([\\d.]+)\\)`).exec(theme);
  if (!match) throw new Error(`no colour ${name} in Tailwind's theme`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** WCAG relative luminance of an oklch colour, through linear sRGB (clipped to the gamut). */
function luminance(name: string): number {
  const [lightness, chroma, hue] = oklch(name);
  const L = lightness / 100;
  const a = chroma * Math.cos((hue * Math.PI) / 180);
  const b = chroma * Math.sin((hue * Math.PI) / 180);
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const red = clip(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s);
  const green = clip(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s);
  const blue = clip(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s);
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function contrast(text: string, background: string): number {
  const [light, dark] = [luminance(text), luminance(background)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour a class list gives `property` ("bg" or "text") under `prefix` ("", "hover:", "disabled:"). */
function colour(classes: string[], prefix: string, property: "bg" | "text"): string | undefined {
  const found = classes.find((c) => new RegExp(`^${prefix}${property}-(white|[a-z]+-\\d+|transparent)$`).test(c));
  return found?.slice(prefix.length + property.length + 1);
}

describe("buttonClass", () => {
  for (const variant of ["primary", "secondary", "danger", "ghost"] as const) {
    it(`${variant}: text reads at 4.5:1 or better at rest, on hover and disabled`, () => {
      const classes = buttonClass(variant).split(/\s+/);
      const text = colour(classes, "", "text")!;
      const rest = colour(classes, "", "bg");
      const states = {
        rest: { text, backgrounds: rest ? [rest] : PAGE_BACKGROUNDS },
        hover: { text, backgrounds: [colour(classes, "hover:", "bg") ?? rest ?? "white"] },
        // `disabled:` wins over `hover:` in Tailwind's order: a hovered disabled button looks disabled.
        disabled: {
          text: colour(classes, "disabled:", "text") ?? text,
          backgrounds: [colour(classes, "disabled:", "bg") ?? rest ?? "transparent"].flatMap((bg) => (bg === "transparent" ? PAGE_BACKGROUNDS : [bg])),
        },
      };
      for (const [state, { text: fg, backgrounds }] of Object.entries(states)) {
        for (const bg of backgrounds) expect(contrast(fg, bg), `${state}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it("changes colour at once: no transition passes through unreadable mixes", () => {
    for (const variant of ["primary", "secondary", "danger", "ghost"] as const) expect(buttonClass(variant)).not.toMatch(/\btransition/);
  });
});
