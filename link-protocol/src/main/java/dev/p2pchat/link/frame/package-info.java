/**
 * The link's frames after the handshake, as typed values with one byte-level codec
 * ({@link FrameCodec}): a type byte ({@link FrameType}, the one place a new frame type is
 * added), then its body. Messages inside a batch or a catch-up are
 * {@link MessageRecord}s: fields as (tag, length, bytes), unknown tags skipped, so a new
 * field is one {@link MessageTag} constant. See {@code docs/protocol.md} for the byte
 * layout.
 */
@NullMarked
package dev.p2pchat.link.frame;

import org.jspecify.annotations.NullMarked;
