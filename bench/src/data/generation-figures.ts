import { type Figure, figure, measurable } from '../report/figures';
import type { ProfileData } from './profile-data';

export function generationFigures(data: ProfileData): Figure[] {
  if (data.source !== 'generator') return [];
  const spec = { part: 'generate' as const, note: `npm run generate, child process${data.limit ? `, first ${data.limit} cases only` : ''}` };
  const figures = [
    figure({ ...spec, key: 'generate.seconds', label: 'generate the profile', unit: 's', method: `wall time of \`${data.command}\` into a fresh DATA_DIR, start-up included; it printed "${data.summaryLine}"` }, data.seconds),
  ];
  if (measurable(data.peakRssMb)) {
    figures.push(figure({ ...spec, key: 'generate.peakRssMb', label: 'generate peak RSS', unit: 'MiB', method: 'highest VmHWM of the node processes under `npm run generate` (npm itself left out; includes the ts-node loader of the script), written at each one\'s exit' }, data.peakRssMb));
  }
  return figures;
}
