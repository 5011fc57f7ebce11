import { v2 } from 'pipedrive';
import { v2Pages } from './list-pages.ts';
import type { PipedriveApi } from './pipedrive-request.ts';
import { type PipedriveStage, stageSchema } from './schemas.ts';

/** Stage id → stage, read once per stream run: deals carry only stage ids. */
export class StageDirectory {
  private constructor(private readonly stages: ReadonlyMap<number, PipedriveStage>) {}

  static async load(api: PipedriveApi, signal: AbortSignal): Promise<StageDirectory> {
    const stages = new Map<number, PipedriveStage>();
    const creator = v2.StagesApiAxiosParamCreator(api.v2);
    const pages = v2Pages(
      api,
      'stages',
      stageSchema,
      (limit, cursor) => creator.getStages(undefined, 'id', 'asc', limit, cursor),
      signal,
    );
    for await (const page of pages) for (const stage of page) stages.set(stage.id, stage);
    return new StageDirectory(stages);
  }

  name(stageId: number | string | null | undefined): string | null {
    if (stageId === null || stageId === undefined || stageId === '') return null;
    return this.stages.get(Number(stageId))?.name ?? String(stageId);
  }

  /** A configured stage given by id or (case-insensitive) name. */
  find(reference: string): PipedriveStage | null {
    const byId = this.stages.get(Number(reference));
    if (byId) return byId;
    const lower = reference.toLowerCase();
    return [...this.stages.values()].find((s) => s.name.toLowerCase() === lower) ?? null;
  }

  /** Whether `stageId` is the reference stage or after it in the same pipeline. */
  reaches(stageId: number | string, reference: PipedriveStage): boolean {
    const stage = this.stages.get(Number(stageId));
    return (
      stage !== undefined &&
      stage.pipeline_id === reference.pipeline_id &&
      stage.order_nr >= reference.order_nr
    );
  }
}
