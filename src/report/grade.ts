/** A letter for a 0-10 score, as badges and the HTML report show it; "?" when nothing was scored. */
export function grade(score: number | null): "A" | "B" | "C" | "D" | "F" | "?" {
  if (score === null) return "?";
  if (score >= 9) return "A";
  if (score >= 7.5) return "B";
  if (score >= 6) return "C";
  if (score >= 4) return "D";
  return "F";
}

/** The colour that goes with a score, with enough contrast for white text (WCAG AA on badges and bars). */
export function scoreColor(score: number | null): string {
  if (score === null) return "#5a6270";
  if (score >= 9) return "#1a7f37";
  if (score >= 7.5) return "#3d7a12";
  if (score >= 6) return "#8a6100";
  if (score >= 4) return "#b35900";
  return "#c62828";
}
