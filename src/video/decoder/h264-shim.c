/*
 * The C side of h264.wasm: a few plain functions over FFmpeg's libavcodec H.264 decoder, so the TypeScript side
 * (h264-wasm.ts) can drive it through ordinary wasm exports instead of emscripten's generated JavaScript glue.
 * Built by scripts/build-decoder.sh; see README.md beside it for the license (LGPL 2.1 or later).
 *
 * One decoder per call site: open with the track's avcC (libavcodec reads avcC and length-prefixed NAL units
 * itself, so no Annex B conversion), put each access unit into the packet buffer, send it with an integer tag
 * that comes back on the decoded frame, receive frames, close. Times stay on the TypeScript side: the tag is
 * the frame's index in its fragment, which keeps 64-bit values off the wasm boundary.
 */
#include <stdint.h>
#include <string.h>

#include "libavcodec/avcodec.h"
#include "libavutil/error.h"
#include "libavutil/frame.h"
#include "libavutil/log.h"
#include "libavutil/mem.h"
#include "libavutil/pixdesc.h"

typedef struct Decoder {
    AVCodecContext *context;
    AVPacket *packet;
    AVFrame *frame;
} Decoder;

/* What h264_frame_info writes, as int32 slots; the TypeScript side reads the same indices. */
enum {
    INFO_WIDTH, INFO_HEIGHT, INFO_TAG, INFO_KEY, INFO_CHROMA_SHIFT_X, INFO_CHROMA_SHIFT_Y, INFO_BIT_DEPTH,
    INFO_FULL_RANGE, INFO_PLANES, INFO_Y, INFO_U, INFO_V, INFO_Y_STRIDE, INFO_U_STRIDE, INFO_V_STRIDE, INFO_MATRIX,
    INFO_COUNT
};

static int32_t frame_info[INFO_COUNT];

/* Decoder warnings would go to stderr, which nothing here reads; errors reach the caller as return codes. */
static void quiet(void *avcl, int level, const char *format, va_list args) {
    (void)avcl; (void)level; (void)format; (void)args;
}

/* Opens a decoder for an avcC record; returns 0 when the record or the memory is refused. */
Decoder *h264_open(const uint8_t *avcc, int size) {
    av_log_set_callback(quiet);
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_H264);
    Decoder *decoder = av_mallocz(sizeof(Decoder));
    if (!codec || !decoder) return 0;
    decoder->context = avcodec_alloc_context3(codec);
    decoder->packet = av_packet_alloc();
    decoder->frame = av_frame_alloc();
    if (!decoder->context || !decoder->packet || !decoder->frame) goto fail;
    decoder->context->extradata = av_mallocz(size + AV_INPUT_BUFFER_PADDING_SIZE);
    if (!decoder->context->extradata) goto fail;
    memcpy(decoder->context->extradata, avcc, size);
    decoder->context->extradata_size = size;
    /* One thread: a Worker has one, and frame threading would add a frame of delay for nothing. */
    decoder->context->thread_count = 1;
    if (avcodec_open2(decoder->context, codec, 0) < 0) goto fail;
    return decoder;
fail:
    avcodec_free_context(&decoder->context);
    av_packet_free(&decoder->packet);
    av_frame_free(&decoder->frame);
    av_free(decoder);
    return 0;
}

/* A buffer of `size` bytes (plus libavcodec's zeroed padding) for the next access unit; 0 if out of memory. */
uint8_t *h264_packet_buffer(Decoder *decoder, int size) {
    av_packet_unref(decoder->packet);
    if (av_new_packet(decoder->packet, size) < 0) return 0;
    return decoder->packet->data;
}

/* Sends the packet buffer's access unit, tagged; with `flush` set, sends end of stream instead so the decoder
 * gives up the frames it holds for reordering. Returns 0 or a negative AVERROR. */
int h264_send(Decoder *decoder, int tag, int flush) {
    if (flush) return avcodec_send_packet(decoder->context, 0);
    decoder->packet->pts = tag;
    int result = avcodec_send_packet(decoder->context, decoder->packet);
    av_packet_unref(decoder->packet);
    return result;
}

/* 1: a frame is ready (read it with h264_frame_info); 0: the decoder needs more input; -1: it is drained;
 * other negative values: an AVERROR. */
int h264_receive(Decoder *decoder) {
    int result = avcodec_receive_frame(decoder->context, decoder->frame);
    if (result == 0) return 1;
    if (result == AVERROR(EAGAIN)) return 0;
    if (result == AVERROR_EOF) return -1;
    return result < -1 ? result : -2;
}

/* The received frame's geometry and planes (pointers into wasm memory, valid until the next receive). */
int32_t *h264_frame_info(Decoder *decoder) {
    const AVFrame *frame = decoder->frame;
    const AVPixFmtDescriptor *format = av_pix_fmt_desc_get(frame->format);
    memset(frame_info, 0, sizeof(frame_info));
    if (!format) return frame_info;
    frame_info[INFO_WIDTH] = frame->width;
    frame_info[INFO_HEIGHT] = frame->height;
    frame_info[INFO_TAG] = (int32_t)frame->pts;
    frame_info[INFO_KEY] = frame->key_frame;
    frame_info[INFO_CHROMA_SHIFT_X] = format->log2_chroma_w;
    frame_info[INFO_CHROMA_SHIFT_Y] = format->log2_chroma_h;
    frame_info[INFO_BIT_DEPTH] = format->comp[0].depth;
    /* yuvj* formats are full range by definition; otherwise the stream's VUI says. */
    frame_info[INFO_FULL_RANGE] = frame->color_range == AVCOL_RANGE_JPEG || (format->name && strncmp(format->name, "yuvj", 4) == 0);
    frame_info[INFO_PLANES] = format->nb_components == 1 ? 1 : 3;
    frame_info[INFO_Y] = (int32_t)(uintptr_t)frame->data[0];
    frame_info[INFO_U] = (int32_t)(uintptr_t)frame->data[1];
    frame_info[INFO_V] = (int32_t)(uintptr_t)frame->data[2];
    frame_info[INFO_Y_STRIDE] = frame->linesize[0];
    frame_info[INFO_U_STRIDE] = frame->linesize[1];
    frame_info[INFO_V_STRIDE] = frame->linesize[2];
    /* The VUI's matrix_coefficients (1: BT.709, 5/6: BT.601, 2: unspecified), for the RGB conversion. */
    frame_info[INFO_MATRIX] = frame->colorspace;
    return frame_info;
}

void h264_close(Decoder *decoder) {
    if (!decoder) return;
    avcodec_free_context(&decoder->context);
    av_packet_free(&decoder->packet);
    av_frame_free(&decoder->frame);
    av_free(decoder);
}

/* For the avcC record: memory the TypeScript side fills before h264_open. */
uint8_t *h264_alloc(int size) { return av_malloc(size); }
void h264_free(void *pointer) { av_free(pointer); }
