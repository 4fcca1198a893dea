// #/dunning: the dunning runs' review batches, newest first, each linking to its batch screen.
import { ListState } from '../../shell/list-state.tsx';
import { useAsync } from '../../shell/use-async.ts';
import { dunningApi } from './dunning-api.ts';
import { useDates, useDunningT, type DunningKey } from './dunning-i18n.ts';
import './dunning.css';

export function DunningBatchesList() {
  const t = useDunningT();
  const { day, instant } = useDates();
  const list = useAsync(() => dunningApi.list(), []);
  return (
    <section className="page dunning" aria-labelledby="dunning-title">
      <h1 id="dunning-title">{t('title')}</h1>
      <ListState state={list} isEmpty={(d) => d.items.length === 0} empty={t('none')} forbidden={t('forbidden')}>
        {(data) => (
          <table className="list" data-testid="dunning-batches">
            <thead>
              <tr>
                <th scope="col">{t('asOf')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('lines')}</th>
                <th scope="col">{t('selected')}</th>
                <th scope="col">{t('sent')}</th>
                <th scope="col">{t('created')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <a href={`#/dunning/batches/${b.id}`}>{day(b.asOf)}</a>
                    {b.company ? ` · ${b.company}` : ''}
                  </th>
                  <td>{t(`s_${b.status}` as DunningKey)}</td>
                  <td className="num">{b.lineCount}</td>
                  <td className="num">{b.selectedCount}</td>
                  <td className="num">{b.sentCount}</td>
                  <td>
                    <time dateTime={b.createdAt}>{instant(b.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListState>
    </section>
  );
}
