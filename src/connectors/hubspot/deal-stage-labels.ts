import type { Client } from '@hubspot/api-client';
import { callHubspot, SCOPES } from './hubspot-errors.ts';

/** Deal stage id → label across all deal pipelines (read once per run: stage ids are opaque numbers). */
export async function dealStageLabels(client: Client): Promise<Map<string, string>> {
  const response = await callHubspot('deal pipelines', SCOPES.deals, () =>
    client.crm.pipelines.pipelinesApi.getAll('deals'),
  );
  const labels = new Map<string, string>();
  for (const pipeline of response.results) {
    for (const stage of pipeline.stages) labels.set(stage.id, stage.label);
  }
  return labels;
}
