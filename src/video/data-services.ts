/**
 * Kinesis Video Streams' data plane as REST-JSON tables (aws/rest-json.ts), one per model: Media (GetMedia),
 * PutMedia and the HLS/DASH session URLs (models written from AWS's API reference: no AWS SDK model has
 * them), and Archived Media. All sign for `kinesisvideo`; PutMedia verifies its signature as the producer SDKs
 * make it, and the session URLs take the SessionToken instead of a signature.
 */
import { restJsonService, type Authenticator, type RestJsonTable } from "../aws/rest-json";
import { KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES, type Operations as ArchivedOperations } from "./archived-media-shapes.generated";
import { getClip } from "./data/clip";
import { getMediaForFragmentList } from "./data/fragment-list";
import { getMedia } from "./data/get-media";
import { getImages } from "./data/images";
import { listFragments } from "./data/list-fragments";
import {
  getDASHManifest,
  getDASHMP4MediaFragment,
  getHLSMasterPlaylist,
  getHLSMediaPlaylist,
  getHLSMP4MediaFragment,
  getMP4InitFragment,
} from "./data/playback";
import { putMedia } from "./data/put-media";
import { putMediaAuthenticator } from "./data/put-media-auth";
import { getDASHStreamingSessionURL, getHLSStreamingSessionURL } from "./data/session-urls";
import { KINESIS_VIDEO_MEDIA_SHAPES, type Operations as MediaOperations } from "./media-shapes.generated";
import { KINESIS_VIDEO_PLAYBACK_SHAPES, type Operations as PlaybackOperations } from "./playback-shapes.generated";
import { KINESIS_VIDEO_PUTMEDIA_SHAPES, type Operations as PutMediaOperations } from "./putmedia-shapes.generated";

export const kinesisVideoMedia = restJsonService<MediaOperations>(KINESIS_VIDEO_MEDIA_SHAPES, {
  GetMedia: getMedia,
} satisfies RestJsonTable<MediaOperations>);

export const kinesisVideoPutMedia = restJsonService<PutMediaOperations>(KINESIS_VIDEO_PUTMEDIA_SHAPES, {
  PutMedia: { handle: putMedia, authenticate: putMediaAuthenticator },
} satisfies RestJsonTable<PutMediaOperations>);

export const kinesisVideoArchivedMedia = restJsonService<ArchivedOperations>(KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES, {
  ListFragments: listFragments,
  GetMediaForFragmentList: getMediaForFragmentList,
  GetHLSStreamingSessionURL: getHLSStreamingSessionURL,
  GetDASHStreamingSessionURL: getDASHStreamingSessionURL,
  GetClip: getClip,
  GetImages: getImages,
} satisfies RestJsonTable<ArchivedOperations>);

/** The session URLs carry their credential: the stream object checks the token on every request. */
const sessionToken: Authenticator = async ({ signingName }) => ({ accessKeyId: "session-token", region: "session", service: signingName });

export const kinesisVideoPlayback = restJsonService<PlaybackOperations>(KINESIS_VIDEO_PLAYBACK_SHAPES, {
  GetHLSMasterPlaylist: { handle: getHLSMasterPlaylist, authenticate: sessionToken },
  GetHLSMediaPlaylist: { handle: getHLSMediaPlaylist, authenticate: sessionToken },
  GetHLSMP4InitFragment: { handle: getMP4InitFragment, authenticate: sessionToken },
  GetHLSMP4MediaFragment: { handle: getHLSMP4MediaFragment, authenticate: sessionToken },
  GetDASHManifest: { handle: getDASHManifest, authenticate: sessionToken },
  GetDASHMP4InitFragment: { handle: getMP4InitFragment, authenticate: sessionToken },
  GetDASHMP4MediaFragment: { handle: getDASHMP4MediaFragment, authenticate: sessionToken },
} satisfies RestJsonTable<PlaybackOperations>);
