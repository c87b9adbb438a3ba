/**
 * A stand-in for Slack's own message renderer, for the README's screenshot and the card-height
 * measure: the Block Kit blocks Faxdesk sends (header, section with text and fields, context,
 * divider, actions) drawn as Slack draws them in its light theme, with the mrkdwn Faxdesk uses
 * (*bold*, _italic_, <url|label>, > quotes, line breaks). Slack's renderer cannot run outside
 * Slack; this one follows its published layout (Block Kit Builder) closely enough to judge
 * a card's height and reading order. Test tooling: the product never imports it.
 */
import type { SlackBlock, SlackMessage } from '../../cards/index.ts';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack's mrkdwn (already escaped by Faxdesk: &amp; &lt; &gt;) → HTML. */
function mrkdwn(text: string): string {
  const lines = text.split('\n');
  const html: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (quote.length > 0) html.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of lines) {
    const inline = (l: string) =>
      l
        .replace(/<((?:https?|tel|mailto):[^|>]+)\|([^>]+)>/g, '<a href="$1">$2</a>')
        .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1<b>$2</b>')
        .replace(/(^|[\s(])_([^_\n]+)_/g, '$1<i>$2</i>');
    if (line.startsWith('&gt;') || line.startsWith('>')) quote.push(inline(line.replace(/^(&gt;|>)/, '')));
    else {
      flush();
      html.push(inline(line));
    }
  }
  flush();
  return html
    .join('<br>')
    .replace(/<br><blockquote>/g, '<blockquote>')
    .replace(/<\/blockquote><br>/g, '</blockquote>');
}

function block(b: SlackBlock): string {
  switch (b.type) {
    case 'header':
      return `<h2 class="header">${esc(b.text.text)}</h2>`;
    case 'section':
      return `<div class="section">${b.text ? `<div>${mrkdwn(b.text.text)}</div>` : ''}${
        b.fields
          ? `<div class="fields">${b.fields.map((f) => `<div>${mrkdwn(f.text)}</div>`).join('')}</div>`
          : ''
      }</div>`;
    case 'context':
      return `<div class="context">${b.elements.map((e) => `<span>${e.type === 'mrkdwn' ? mrkdwn(e.text) : esc(e.text)}</span>`).join('')}</div>`;
    case 'divider':
      return '<hr>';
    case 'actions':
      return `<div class="actions">${b.elements
        .map((e) => `<button class="${e.style ?? ''}">${esc(e.text.text)}</button>`)
        .join('')}</div>`;
  }
}

export function slackMessageHtml(message: SlackMessage, width = 760): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body { margin: 0; font: 15px/1.47 'Slack-Lato', Lato, 'Helvetica Neue', 'DejaVu Sans', sans-serif; color: #1d1c1d; background: #fff; }
.message { display: flex; gap: 8px; padding: 8px 20px; width: ${width}px; box-sizing: border-box; }
.avatar { width: 36px; height: 36px; border-radius: 4px; background: #4f52b2; color: #fff; font-weight: 700; display: grid; place-items: center; flex: none; font-size: 13px; }
.body { min-width: 0; flex: 1; }
.meta { font-weight: 900; } .meta small { font-weight: 400; color: #616061; margin-left: 6px; font-size: 12px; }
.app { background: #e8e8e8; border-radius: 2px; font-size: 10px; padding: 1px 3px; margin-left: 4px; font-weight: 700; color: #616061; }
.header { font-size: 18px; font-weight: 900; margin: 8px 0 4px; line-height: 1.33; }
.section { margin: 4px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; margin-top: 4px; }
.context { color: #616061; font-size: 13px; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
blockquote { margin: 4px 0; padding-left: 12px; border-left: 4px solid #dddddd; }
a { color: #1264a3; text-decoration: none; }
hr { border: 0; border-top: 1px solid #e8e8e8; margin: 8px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
button { font: 700 13px 'Helvetica Neue', 'DejaVu Sans', sans-serif; padding: 0 12px; height: 28px; border-radius: 4px; border: 1px solid #bbbbbb; background: #fff; color: #1d1c1d; }
button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
button.danger { color: #e01e5a; border-color: #e01e5a; }
</style></head><body><div class="message"><div class="avatar">FD</div><div class="body">
<div class="meta">Faxdesk<span class="app">APP</span><small>10:42</small></div>
${message.blocks.map(block).join('\n')}
</div></div></body></html>`;
}
