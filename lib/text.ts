/**
 * What a person-facing name may hold. Control characters (NUL, bell…), format characters
 * (Unicode Cf: zero-width spaces, bidi overrides and isolates) and lone surrogates make text
 * that looks like something else or like nothing at all, so they are refused. One exception:
 * the zero-width joiner inside an emoji sequence (👩🏽‍💻), which is how those are spelled.
 */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}]/u;
// Letters that render as blank (Hangul fillers, braille blank) count as invisible too.
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u;

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text.replace(EMOJI_JOINER, ""));
}

export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}
