// The desktop app's address rules, with the URL shapes the window really produces: the
// renderer routes with pushState('#/…'), and an exact URL compare dropped every IPC
// message after the first navigation.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRequestFile, isAppPageUrl, RENDERER_URL } from './app-url';
import { isAllowedExternalUrl } from './external-links';

describe('isAppPageUrl (IPC sender check)', () => {
  it('accepts the page with any route fragment or query', () => {
    for (const url of [
      RENDERER_URL,
      `${RENDERER_URL}#/`,
      `${RENDERER_URL}#/runs/20261201-101500-sst-2-a1b2`,
      `${RENDERER_URL}#/runs/x?tab=metrics`,
      `${RENDERER_URL}?debug=1#/new`,
      'APP://BERT-WORKBENCH/index.html#/compare', // the scheme and host as the URL parser normalises them
    ]) {
      expect(isAppPageUrl(url), url).toBe(true);
    }
  });

  it('refuses other pages, hosts, schemes and look-alikes', () => {
    for (const url of [
      'app://bert-workbench/other.html',
      'app://evil/index.html',
      'app://bert-workbench.evil.example/index.html',
      'app://user:pass@bert-workbench/index.html',
      'file:///opt/bert-workbench/dist/renderer/index.html',
      'https://bert-workbench/index.html',
      'http://127.0.0.1:5173/index.html',
      'app://bert-workbench/index.html%23/runs',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isAppPageUrl(url), url).toBe(false);
    }
  });
});

describe('appRequestFile (the app:// protocol)', () => {
  const root = path.resolve('/opt/app/dist/renderer');

  it('maps the page and its assets into dist/renderer', () => {
    expect(appRequestFile(RENDERER_URL, root)).toBe(path.join(root, 'index.html'));
    expect(appRequestFile('app://bert-workbench/', root)).toBe(path.join(root, 'index.html'));
    expect(appRequestFile('app://bert-workbench/assets/index-3f2a.js', root)).toBe(path.join(root, 'assets', 'index-3f2a.js'));
    expect(appRequestFile('app://bert-workbench/assets/a%20b.css?v=1#x', root)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('resolves dot segments inside the folder, as the URL parser does', () => {
    expect(appRequestFile('app://bert-workbench/../../etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd'));
    expect(appRequestFile('app://bert-workbench/%2e%2e/%2e%2e/etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('serves nothing outside the folder or for another host', () => {
    for (const url of [
      'app://bert-workbench/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://bert-workbench/..%5c..%5cwindows%5cwin.ini',
      'app://bert-workbench/index.html%00.png',
      'app://bert-workbench/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(appRequestFile(url, root), url).toBeUndefined();
    }
  });
});

describe('isAllowedExternalUrl (shell.openExternal)', () => {
  it('opens https links to the sites the app points to', () => {
    expect(isAllowedExternalUrl('https://huggingface.co/google/bert_uncased_L-2_H-128_A-2')).toBe(true);
    expect(isAllowedExternalUrl('https://arxiv.org/abs/1810.04805')).toBe(true);
  });

  it('refuses other schemes, sites, ports and credentials', () => {
    for (const url of [
      'http://huggingface.co/',
      'file:///etc/passwd',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://huggingface.co.evil.example/',
      'https://evil.example/?u=https://huggingface.co',
      'https://huggingface.co:8443/',
      'https://user@huggingface.co/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
