/**
 * Text in the Markdown the drift job writes: the report (also a GitHub job summary) and tracker
 * issues. Much of it comes from the server (a key, a value it sent), so it is shown as text: one
 * line that stays in its table cell, and HTML escaped rather than rendered.
 */
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** No line break (CommonMark has three) and no cell break. */
const oneLine = (text: string) => text.replace(/\r\n?|\n/g, " ").replace(/\|/g, "\\|");

/** Text for a table cell or a line of prose. */
export function cell(text: string | number | null | undefined): string {
  return oneLine(String(text ?? ""))
    .replace(/[&<>]/g, (c) => ENTITY[c]!)
    .replace(/`/g, "'");
}

/** A JSON pointer as a code span (literal already: no HTML, no entities), or the whole body for "". */
export function pointerCell(pointer: string): string {
  return pointer === "" ? "(whole body)" : `\`${oneLine(pointer).replace(/`/g, "'")}\``;
}
