// A Stryker reporter (stryker.config.mjs, `reporters: [..., 'live-survivors']`): appends each
// tested mutant to reports/mutation/live-results.tsv (status, file:line:column, mutator, replacement)
// as soon as it is tested, and the surviving or uncovered ones to reports/mutation/live-survivors.txt,
// so tests can be written for the first files while a long run goes on, and a run stopped early
// still says what it measured (the other reports come only at the end).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FILE = 'reports/mutation/live-survivors.txt';
const ALL = 'reports/mutation/live-results.tsv';

class LiveSurvivors {
  constructor() {
    mkdirSync('reports/mutation', { recursive: true });
    writeFileSync(FILE, '');
    writeFileSync(ALL, '');
  }

  onMutantTested(m) {
    const at = `${m.fileName}:${m.location.start.line}:${m.location.start.column}`;
    const line = `${m.status}\t${at}\t${m.mutatorName}\t${JSON.stringify(m.replacement ?? '')}\n`;
    appendFileSync(ALL, line);
    if (m.status === 'Survived' || m.status === 'NoCoverage') appendFileSync(FILE, line);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-survivors', LiveSurvivors)];
