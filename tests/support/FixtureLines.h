#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QFile>
#include <QtCore/QList>
#include <QtCore/QString>

// Recorded frames for the tests: tests/data/<venue>/<file>.jsonl, one frame per line.
namespace tapescope::test {

// The whole file under tests/data; a missing fixture aborts the test run.
inline QByteArray fixtureFile(const QString &relative)
{
    QFile in(QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/") + relative);
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(in.fileName()));
    return in.readAll();
}

// Its lines, without the empty one after the last newline.
inline QList<QByteArray> fixtureLines(const QString &relative)
{
    QList<QByteArray> lines = fixtureFile(relative).split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// Line `number` (1-based, as the fixtures' SOURCES.md count); a line that is not there aborts the run.
inline QByteArray fixtureLine(const QString &relative, int number)
{
    const QList<QByteArray> lines = fixtureLines(relative);
    if (number < 1 || number > lines.size())
        qFatal("fixture %s has no line %d", qPrintable(relative), number);
    return lines.at(number - 1);
}

} // namespace tapescope::test
