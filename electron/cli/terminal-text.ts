// Text that came from a data file, printed on a terminal. A file can hold escape sequences
// (ESC [ 2 J clears the screen, OSC 0 retitles the window, CSI … hides the lines around it)
// and a terminal obeys them; printed as visible escapes ("\x1b[31m") they are only text.
// Newline and tab stay: they are how the CLI itself lays out its output.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
