import type { FilesGetUploadURLExternalArguments, WebClient } from '@slack/web-api';
import { DeliveryError } from '../../app/delivery/errors.ts';
import type { RenderedSlack } from '../../app/delivery/types.ts';
import { slackCall } from './slack-errors.ts';

type SlackFile = NonNullable<RenderedSlack['files']>[number];

/**
 * files.uploadV2, step by step, into the thread of the message just posted: files.getUploadURLExternal (name,
 * size, alt text) → the bytes POSTed to the returned upload URL → files.completeUploadExternal shares it into the
 * channel under `thread_ts`. Done by hand rather than through WebClient.filesUploadV2 so that a resumed attempt
 * can skip the files an interrupted one already shared (found by name in the thread).
 */
export async function attachSlackFiles(
  client: WebClient,
  req: { channel: string; threadTs: string; files: SlackFile[]; resumed: boolean; timeoutMs: number },
): Promise<void> {
  const present = req.resumed ? await filesInThread(client, req.channel, req.threadTs) : new Set<string>();
  for (const file of req.files) {
    if (present.has(file.filename)) continue;
    const bytes = Buffer.from(file.contentBase64, 'base64');
    const args = {
      filename: file.filename,
      length: bytes.length,
      // The Web API reference names the argument alt_txt, the Node SDK alt_text: both are sent.
      alt_text: file.altText,
      alt_txt: file.altText,
    } as FilesGetUploadURLExternalArguments;
    const target = await slackCall('files.getUploadURLExternal', () =>
      client.files.getUploadURLExternal(args),
    );
    if (!target.upload_url || !target.file_id)
      throw new DeliveryError(
        'upload_url_missing',
        'Slack files.getUploadURLExternal returned no upload URL',
      );
    let uploaded: Response;
    try {
      uploaded = await fetch(target.upload_url, {
        method: 'POST',
        body: bytes,
        signal: AbortSignal.timeout(req.timeoutMs),
      });
    } catch (error) {
      throw new DeliveryError('upload_failed', `Slack file upload: ${(error as Error).message}`);
    }
    if (!uploaded.ok)
      throw new DeliveryError(`upload_http_${uploaded.status}`, `Slack file upload: HTTP ${uploaded.status}`);
    await slackCall('files.completeUploadExternal', () =>
      client.files.completeUploadExternal({
        files: [{ id: target.file_id as string, title: file.title }],
        channel_id: req.channel,
        thread_ts: req.threadTs,
      }),
    );
  }
}

async function filesInThread(client: WebClient, channel: string, ts: string): Promise<Set<string>> {
  const res = await slackCall('conversations.replies', () =>
    client.conversations.replies({ channel, ts, limit: 200 }),
  );
  return new Set(
    (res.messages ?? []).flatMap((m) => (m.files ?? []).map((f) => f.name).filter((n): n is string => !!n)),
  );
}
