// Search text as reps type it: phones and Macs turn ' and " into typographic quotes (O’Brien), which C4C's stored
// names do not have. Shared by the task pane (before it asks) and the service (for any other caller).

/** Typographic single and double quotes (and look-alikes) become the plain ones. */
export function foldQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'").replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"');
}
