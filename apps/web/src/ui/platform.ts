/**
 * The modifier key as this platform names it: ⌘ on Apple systems, Ctrl elsewhere.
 * @module
 */

/** True on macOS and iOS (where shortcuts use ⌘). */
export function isApple(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform || nav.platform || nav.userAgent;
  return /mac|iphone|ipad/i.test(platform);
}

/** "⌘" or "Ctrl". */
export function modKey(): string {
  return isApple() ? '⌘' : 'Ctrl';
}

/** A shortcut written `Mod+K` spelled for this platform (`⌘K` or `Ctrl+K`). */
export function shortcutLabel(shortcut: string): string {
  return isApple() ? shortcut.replace('Mod+', '⌘') : shortcut.replace('Mod', 'Ctrl');
}
