#pragma once

// Per-frame decoders behind Codec::decode. Internal to the codec: each reads one frame object (its
// `type` already known), appends events to a scratch batch that the codec keeps only if the whole
// frame decodes, and fills the FrameInfo.

#include "FimlCodec.h"
#include "FimlJson.h"

namespace tapescope::fiml::detail {

struct DecodeContext
{
    const QString &venue;
    EventBatch &events; // scratch: discarded when a decoder reports a problem
    FrameInfo &info;
};

// data frames (FimlDataFrames.cpp), docs/protocols/fiml.md §4.3. Elements are decoded by the frame's stream_type label;
// with an unknown label they are walked but not turned into events.
Problem decodeData(ondemand::object &frame, DecodeContext &context);

// Control frames (FimlControlFrames.cpp), docs/protocols/fiml.md §4.1, §4.2, §4.4, §4.5.
Problem decodeSubscriptionAck(ondemand::object &frame, DecodeContext &context);
Problem decodeUnsubscribeAck(ondemand::object &frame, DecodeContext &context);
Problem decodeHeartbeat(ondemand::object &frame, DecodeContext &context);
Problem decodeError(ondemand::object &frame, DecodeContext &context);

} // namespace tapescope::fiml::detail
