import { describe, expect, it } from 'vitest';
import { RENDERER_URL } from './app-url';
import { isTrustedSender } from './ipc-sender';

function appWindow(url: string) {
  const mainFrame = { url };
  const webContents = { mainFrame };
  return { window: { webContents }, mainFrame, webContents };
}

describe('isTrustedSender', () => {
  it('accepts the main frame after in-app navigations (pushState #/…)', () => {
    const { window, mainFrame, webContents } = appWindow(RENDERER_URL);
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).toBe(true);
    for (const route of ['#/runs', '#/runs/20261201-101500-sst-2-a1b2', '#/new?copy=abc', '#/compare?ids=a,b']) {
      mainFrame.url = `${RENDERER_URL}${route}`;
      expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window), route).toBe(true);
    }
  });

  it('refuses subframes, other windows, destroyed frames and other pages', () => {
    const { window, mainFrame, webContents } = appWindow(RENDERER_URL);
    expect(isTrustedSender({ sender: webContents, senderFrame: { url: RENDERER_URL } }, window)).toBe(false); // a subframe at the same URL
    expect(isTrustedSender({ sender: {}, senderFrame: mainFrame }, window)).toBe(false);
    expect(isTrustedSender({ sender: webContents, senderFrame: null }, window)).toBe(false);
    mainFrame.url = 'https://evil.example/index.html#/runs';
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).toBe(false);
    mainFrame.url = 'file:///opt/app/dist/renderer/index.html';
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).toBe(false);
  });
});
