import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { Async, useAsync } from '@shared/ui.tsx';
import { api } from '../session.ts';

interface Message { id: string; channel: 'email' | 'sms'; recipient: string; template: string; locale: string; subject: string | null; status: string; created_at: string; sent_at: string | null }
interface FullMessage extends Message { body_text: string; body_html: string | null }

/** The local mailbox: every email and SMS the platform sent or kept, to read them without a mail server. */
export function MailboxPage() {
  const { t, fmt } = useI18n();
  const [recipient, setRecipient] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const list = useAsync((signal) => api.request<{ items: Message[]; total: number }>('GET', '/v1/admin/mailbox', { signal, query: { recipient: query || undefined, limit: 100 } }), [query]);
  return (
    <section className="stack">
      <h1>{t('nav.mailbox')}</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); setQuery(recipient.trim()); }}>
        <label className="field"><span className="field-label">{t('mailbox.recipient')}</span><input dir="ltr" value={recipient} onChange={(e) => setRecipient(e.target.value)} /></label>
        <button type="submit" className="button">{t('common.search')}</button>
        <button type="button" className="button secondary" onClick={list.reload}>{t('common.refresh')}</button>
      </form>
      <Async state={list}>
        {(r) => (r.items.length === 0 ? <p>{t('common.none')}</p> : (
          <ul className="store-list">
            {r.items.map((m) => (
              <li key={m.id} className="card">
                <button type="button" className="spread" style={{ all: 'unset', cursor: 'pointer', display: 'flex', justifyContent: 'space-between', gap: 12, inlineSize: '100%', flexWrap: 'wrap' }}
                  aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>
                  <span><strong>{m.subject ?? m.template}</strong> <span className="small muted">· {t(`mailbox.channel.${m.channel}`)} · {m.locale}</span></span>
                  <span className="small"><span dir="ltr">{m.recipient}</span> · {fmt.dateTime(m.created_at)} · {t(`mailbox.status.${m.status}`)}</span>
                </button>
                {open === m.id ? <MessageBody id={m.id} /> : null}
              </li>
            ))}
          </ul>
        ))}
      </Async>
    </section>
  );
}

function MessageBody({ id }: { id: string }) {
  const msg = useAsync((signal) => api.request<FullMessage>('GET', `/v1/admin/mailbox/${id}`, { signal }), [id]);
  return (
    <Async state={msg}>
      {(m) => (m.body_html
        ? <iframe title={m.subject ?? m.template} sandbox="" srcDoc={m.body_html} style={{ inlineSize: '100%', blockSize: 360, border: '1px solid var(--line)', borderRadius: 8, marginBlockStart: 8 }} />
        : <pre style={{ whiteSpace: 'pre-wrap', marginBlockStart: 8 }}>{m.body_text}</pre>)}
    </Async>
  );
}
