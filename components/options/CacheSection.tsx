/** The cache: how long items stay fresh, what it holds, and clearing it. */
import { useEffect, useState } from 'preact/hooks';
import type { Client } from '../../lib/client';
import type { PublicStatus } from '../../lib/status';
import { StatusList } from '../Popup';
import { NumberField, Section } from './fields';
import type { Save } from './types';

/** Props of the section. */
export interface CacheSectionProps {
  ttl: number;
  send: Client;
  save: Save;
  onNotice: (text: string) => void;
}

/** The cache section. */
export function CacheSection({ ttl, send, save, onNotice }: CacheSectionProps) {
  const [status, setStatus] = useState<PublicStatus>();
  const [problem, setProblem] = useState('');
  const refresh = () => send({ type: 'status/get' }).then((answer) => (answer.ok ? setStatus(answer.data) : setProblem(answer.error.message)));
  useEffect(() => {
    void refresh();
  }, [send]);
  const clear = async () => {
    const answer = await send({ type: 'cache/clear' });
    if (answer.ok) onNotice(`Cleared ${answer.data.cleared} cached items.`);
    else setProblem(answer.error.message);
    void refresh();
  };
  return (
    <Section id="cache" title="Cache">
      <NumberField id="cache-ttl" label="Refresh items older than (minutes)" hint="Badges paint from the cache at once, then refresh items older than this." value={ttl} min={1} max={1440} onSave={(n) => save({ cacheTtlMinutes: n })} />
      {status ? <StatusList status={status} /> : null}
      {problem ? <p class="error">{problem}</p> : null}
      <button type="button" onClick={() => void clear()}>
        Clear cache
      </button>
    </Section>
  );
}
