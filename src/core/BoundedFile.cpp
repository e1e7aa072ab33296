#include "core/BoundedFile.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

QString sizeWords(qint64 bytes)
{
    if (bytes >= 1024 && bytes % 1024 == 0)
        return u"%1 KiB"_s.arg(bytes / 1024);
    return u"%1 bytes"_s.arg(bytes);
}

} // namespace

std::optional<QByteArray> readBoundedFile(const QString &path, qint64 maxBytes, QString *error)
{
    const QFileInfo info(path);
    if (path.isEmpty()) {
        *error = u"no file named (the path is empty)"_s;
        return std::nullopt;
    }
    if (!info.exists()) {
        *error = u"%1 does not exist"_s.arg(path);
        return std::nullopt;
    }
    if (info.isDir()) {
        *error = u"%1 is a directory, not a file"_s.arg(path);
        return std::nullopt;
    }
    if (info.isFile() && info.size() > maxBytes) {
        *error = u"%1 is larger than %2 (%3 bytes): not the file meant here"_s.arg(path, sizeWords(maxBytes))
                     .arg(info.size());
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"%1 cannot be read: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    // One byte more than allowed tells a file at the limit from a larger one, whatever size it claims to have.
    QByteArray content = file.read(maxBytes + 1);
    if (content.size() > maxBytes) {
        *error = u"%1 is larger than %2: not the file meant here"_s.arg(path, sizeWords(maxBytes));
        return std::nullopt;
    }
    if (file.error() != QFileDevice::NoError) {
        *error = u"%1 cannot be read: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    if (content.isEmpty()) {
        *error = u"%1 is empty"_s.arg(path);
        return std::nullopt;
    }
    return content;
}

} // namespace tapescope
