// Which IPC messages the service accepts (VS Code's validated senders): only from the
// app's own window, its main frame, showing the app's page. Structural types rather than
// Electron's, so the rule is tested with plain objects where no Electron binary exists.
import { isAppPageUrl, RENDERER_URL } from './app-url';

export interface IpcSenderEvent {
  sender: unknown;
  /** Null once the frame has navigated away or been destroyed. */
  senderFrame: { url: string } | null;
}

export interface AppWindow {
  webContents: { mainFrame: unknown };
}

export function isTrustedSender(event: IpcSenderEvent, window: AppWindow, pageUrl: string = RENDERER_URL): boolean {
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && isAppPageUrl(frame.url, pageUrl);
}
