import { useState } from 'react';
import { useI18n } from '@shared/i18n.tsx';
import { ErrorPanel, Field, saveFile, useAction } from '@shared/ui.tsx';
import { api } from '../session.ts';

const KINDS = ['stores', 'catalog', 'stock'] as const;
const EXPORTS = ['stores', 'catalog', 'stock', 'local-inventory'] as const;
interface Report { kind: string; rows: number; imported: number; rejectedCount: number; rejected: { line: number; reasons: string[] }[]; dryRun: boolean; committed: boolean }

/** CSV imports with their row reports (nothing is half-imported), and CSV exports. */
export function ImportsPage() {
  const { t, fmt } = useI18n();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('stock');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [report, setReport] = useState<Report | null>(null);
  const upload = useAction(async (key) => {
    setReport(null);
    setReport(await api.request<Report>('POST', `/v1/admin/imports/${kind}`, { body: file!, query: { dryRun }, idempotencyKey: key }));
  });
  const download = useAction(async (_key, name: string) => {
    const res = await api.request<Response>('GET', `/v1/admin/exports/${name}.csv`, { raw: true });
    saveFile(`${name}.csv`, await res.text());
  });
  return (
    <section className="stack">
      <h1>{t('nav.imports')}</h1>
      <form className="card stack" onSubmit={(e) => { e.preventDefault(); if (file) void upload.run(); }}>
        <h2>{t('imports.upload')}</h2>
        <div className="row">
          <Field label={t('imports.kind')}><select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>{KINDS.map((k) => <option key={k} value={k}>{t(`imports.kind.${k}`)}</option>)}</select></Field>
          <Field label={t('imports.file')}><input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></Field>
          <label className="choice"><input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />{t('imports.dryRun')}</label>
        </div>
        {upload.error ? <ErrorPanel error={upload.error} onRetry={upload.retry} /> : null}
        <button type="submit" className="button" disabled={!file || upload.busy}>{upload.busy ? t('common.loading') : t('imports.run')}</button>
      </form>
      {report ? (
        <section className="card stack" aria-label={t('imports.report')} role="status">
          <h2>{t('imports.report')}</h2>
          <p>{t('imports.summary', { rows: report.rows, imported: report.imported, rejected: report.rejectedCount })}</p>
          <p className={`notice ${report.committed ? 'ok' : 'warn'}`}>{report.committed ? t('imports.committed') : report.dryRun ? t('imports.dryRunDone') : t('imports.nothingImported')}</p>
          {report.rejected.length ? (
            <div className="table-wrap"><table>
              <thead><tr><th className="num">{t('imports.line')}</th><th>{t('imports.reasons')}</th></tr></thead>
              <tbody>{report.rejected.map((r) => <tr key={r.line}><td className="num">{fmt.number(r.line)}</td><td lang="en" dir="ltr">{r.reasons.join('; ')}</td></tr>)}</tbody>
            </table></div>
          ) : null}
        </section>
      ) : null}
      <section className="card stack">
        <h2>{t('imports.exports')}</h2>
        <div className="row">{EXPORTS.map((x) => <button key={x} type="button" className="button secondary" onClick={() => void download.run(x)}>{t(`imports.export.${x}`)}</button>)}</div>
        {download.error ? <ErrorPanel error={download.error} onRetry={download.retry} /> : null}
      </section>
    </section>
  );
}
