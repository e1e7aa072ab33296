#pragma once

#include "record/TapeFormat.h"

#include <QtCore/QFile>
#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <deque>

namespace tapescope::tape {

// Reads a recording record by record. Damage never stops it silently: a block whose compressed data is cut off
// (a crash, a copy in progress) gives the records it holds up to the last complete one; a corrupted block gives
// the records before the damage and reading goes on at the next intact block. problems() says what was lost
// and where (byte offsets in the file).
class TapeReader
{
public:
    TapeReader();
    ~TapeReader();
    TapeReader(const TapeReader &) = delete;
    TapeReader &operator=(const TapeReader &) = delete;

    // Reads the header; false with *error when the file is not a recording or its header is damaged.
    bool open(const QString &path, QString *error);
    const QJsonObject &header() const { return m_header; }
    qint64 startTimeNs() const;
    qint64 fileSize() const { return m_fileSize; }

    // The next intact record, in the order they were written; false at the end of what can be read.
    bool next(Record *record);

    // What was damaged, in the order found: "block 3 at byte 5120: ...". Empty for an intact file.
    const QStringList &problems() const { return m_problems; }
    // True when the end marker was read (the recording was closed, not cut off).
    bool sawEnd() const { return m_sawEnd; }

private:
    bool readBlock();
    void parseRecords(const QByteArray &raw, qint64 blockOffset, int blockIndex, bool complete);
    void problem(const QString &text);

    QFile m_file;
    QJsonObject m_header;
    qint64 m_fileSize = 0;
    quint32 m_version = kFormatVersion; // the file's format version
    qint64 m_offset = 0; // next block header
    int m_blockIndex = 0;
    std::deque<Record> m_records;
    QStringList m_problems;
    bool m_sawEnd = false;
    void *m_dctx = nullptr;
};

} // namespace tapescope::tape
