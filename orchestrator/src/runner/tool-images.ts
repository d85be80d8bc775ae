import type { ArtifactStore, SessionKey } from '../adk/types.js';
import { imagePlaceholder, type ToolImage, type ToolOutcome } from '../mcp/tool-outcome.js';
import type { IdentifiedCall } from './tool-calls.js';

/** Where a turn keeps the images its tools return: the session's ADK artifacts. */
export interface ImageKeeper {
  key: SessionKey;
  artifacts: Pick<ArtifactStore, 'save'>;
}

export interface KeptImages {
  /** The outcome whose text names each saved artifact instead of an omitted image. */
  outcome: ToolOutcome;
  /** `actions.artifactDelta` as ADK writes it: filename to the version just saved. */
  artifactDelta: Record<string, number>;
}

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * Saves each image of a tool's outcome as an artifact of the session, as ADK's `save_artifact` does, so
 * the web page and Slack can show it. The model never gets the bytes (a chart is thousands of tokens it
 * cannot read reliably): its text only says where the image went and that the user sees it.
 */
export async function keepImages(
  call: IdentifiedCall,
  outcome: ToolOutcome,
  keeper: ImageKeeper | undefined,
): Promise<KeptImages> {
  const images = outcome.images ?? [];
  if (images.length === 0 || keeper === undefined) return { outcome, artifactDelta: {} };
  let text = outcome.text;
  const artifactDelta: Record<string, number> = {};
  for (const [index, image] of images.entries()) {
    const filename = artifactFilename(call, index, image);
    const note = await keeper.artifacts.save(keeper.key, filename, image).then(
      (version) => {
        artifactDelta[filename] = version;
        return `[image ${image.mimeType} saved as artifact ${filename} and shown to the user; you cannot see it, describe it from the text]`;
      },
      () => `[image ${image.mimeType} omitted: it could not be saved]`,
    );
    text = text.replace(imagePlaceholder(image), note);
  }
  return { outcome: { ...outcome, text }, artifactDelta };
}

/**
 * `<tool>_<call id>[_<n>].<ext>`: unique per call, so the page can put the image on the call's card, and
 * safe in a URL path segment whatever ids a model provider makes.
 */
export function artifactFilename(call: IdentifiedCall, index: number, image: Pick<ToolImage, 'mimeType'>) {
  const safe = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, '_');
  const suffix = index > 0 ? `_${index}` : '';
  return `${safe(call.name)}_${safe(call.id)}${suffix}.${extensions[image.mimeType] ?? 'bin'}`;
}
