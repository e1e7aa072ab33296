// The recording reader (TapeReader, docs/recording.md) on any file: a recording is a file the user opens, so no
// byte of it may crash the reader, make it allocate without bound or loop. The input is the file's content, written
// to a temporary file (the reader reads files). Every record it returns must be one it could have been given.

#include "FuzzSupport.h"

#include "record/TapeReader.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace tapescope::tape;
    static const QString path
        = QDir::temp().filePath(QStringLiteral("fuzz_tape_reader-%1.tape").arg(QCoreApplication::applicationPid()));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            tapescope::fuzz::fail("cannot write the temporary file");
        file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    }
    TapeReader reader;
    QString error;
    if (!reader.open(path, &error)) {
        tapescope::fuzz::check(!error.isEmpty(), "a refused file without a reason");
        return 0;
    }
    Record record;
    std::size_t records = 0;
    while (reader.next(&record)) {
        ++records;
        tapescope::fuzz::check(record.payload.size() + kRecordFixedSize <= qsizetype(kMaxRecordSize),
                               "a record longer than any record may be");
        // zstd expands a byte into at most a few hundred; a record takes at least 20 bytes: a bound no honest
        // reading of `size` bytes can pass, and a loop that never ends would.
        tapescope::fuzz::check(records <= size * 1024 + 1, "more records than the file can hold");
    }
    (void)reader.problems();
    return 0;
}
