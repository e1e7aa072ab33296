#pragma once

// Internal to core's JSON writers (EventJson.cpp, AccountJson.cpp): one flat object, key by key.

#include "Decimal.h"
#include "EventJson.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <cstdint>
#include <optional>
#include <string>

namespace tapescope::detail {

// Writes one flat JSON object key by key; the callers below fix the key order.
class ObjectWriter
{
public:
    explicit ObjectWriter(QByteArray &out)
        : m_out(out)
    {
        m_out.append('{');
    }
    ~ObjectWriter() { m_out.append('}'); }
    ObjectWriter(const ObjectWriter &) = delete;
    ObjectWriter &operator=(const ObjectWriter &) = delete;

    QByteArray &key(const char *name)
    {
        if (!m_first)
            m_out.append(',');
        m_first = false;
        m_out.append('"').append(name).append("\":");
        return m_out;
    }
    void string(const char *name, const QString &value) { appendJsonString(key(name), value); }
    void literal(const char *name, const char *value) { key(name).append('"').append(value).append('"'); }
    void integer(const char *name, std::int64_t value)
    {
        key(name).append(QByteArray::number(static_cast<qlonglong>(value)));
    }
    void boolean(const char *name, bool value) { key(name).append(value ? "true" : "false"); }
    // Leaves the key out when the value is empty: "absent when the venue has no such field".
    void optionalString(const char *name, const QString &value)
    {
        if (!value.isEmpty())
            string(name, value);
    }
    void decimal(const char *name, const Decimal &value) { appendDecimal(key(name), value); }
    void decimal(const char *name, const std::optional<Decimal> &value)
    {
        if (value)
            decimal(name, *value);
    }

    static void appendDecimal(QByteArray &out, const Decimal &value)
    {
        // Decimal text is digits, '-' and '.' only: nothing to escape.
        const std::string text = value.toStdString();
        out.append('"').append(text.data(), static_cast<qsizetype>(text.size())).append('"');
    }

private:
    QByteArray &m_out;
    bool m_first = true;
};

} // namespace tapescope::detail
