#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <optional>

namespace tapescope {

// Reads a file the user named (a key, a CA bundle) whole, but never more than `maxBytes`: a directory, a missing
// or unreadable file, an empty one and anything larger (/dev/zero, a disk image given by mistake) are refused with
// *error saying which file and what is wrong ("/tmp/k.pem is a directory, not a file"). Pipes and process
// substitutions work: the limit is checked by reading, not by the size the file system reports.
std::optional<QByteArray> readBoundedFile(const QString &path, qint64 maxBytes, QString *error);

// The limit for key and certificate files: 64 KiB is far more than any PEM key or CA bundle needs.
inline constexpr qint64 kMaxKeyFileBytes = 64 * 1024;

} // namespace tapescope
