/** Export the summary as Markdown: copy it to the clipboard, or download it as a file. */
import { useState } from 'preact/hooks';
import { offerDownload } from '../download';

/** Where the Markdown goes; injected so tests can watch it. */
export interface Exporter {
  copy: (text: string) => Promise<void>;
  download: (text: string, filename: string) => void;
}

/** The browser's clipboard, and a download through a temporary `a[download]` (no permission needed). */
export const browserExporter: Exporter = {
  copy: (text) => navigator.clipboard.writeText(text),
  download: (text, filename) => offerDownload(filename, text, 'text/markdown;charset=utf-8'),
};

/** Props: the report (built when asked), its file name, and the exporter. */
export interface ExportButtonsProps {
  markdown: () => string;
  filename: string;
  exporter: Exporter;
}

/** Two buttons and a polite note of what happened. */
export function ExportButtons({ markdown, filename, exporter }: ExportButtonsProps) {
  const [note, setNote] = useState('');
  const copy = () =>
    exporter.copy(markdown()).then(
      () => setNote('Copied the summary as Markdown.'),
      () => setNote('The browser did not allow copying; use Download instead.'),
    );
  const download = () => {
    exporter.download(markdown(), filename);
    setNote(`Downloaded ${filename}.`);
  };
  return (
    <div class="export">
      <button type="button" onClick={() => void copy()}>Copy as Markdown</button>
      <button type="button" onClick={download}>Download .md</button>
      <p class="notice" role="status">{note}</p>
    </div>
  );
}
