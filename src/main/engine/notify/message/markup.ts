// Escaping for the markups channels use, so a host or rule name can never break a message or
// inject a mention or a link.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Slack mrkdwn: only &, < and > are special (they start links and mentions). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Discord and Teams markdown: a name with * or _ stays as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~|>[\]()#])/g, '\\$1');
}

/** An absolute http(s) link that a button may open; anything else is shown as text only. */
export function isWebLink(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url) && URL.canParse(url);
}

export const TONE_COLORS = {
  critical: '#D92D20',
  warning: '#F79009',
  ok: '#12B76A',
  info: '#2E90FA',
  unknown: '#98A2B3',
} as const;

export const TONE_EMOJI = {
  critical: '🔴',
  warning: '🟠',
  ok: '✅',
  info: '🔵',
  unknown: '⚪',
} as const;
