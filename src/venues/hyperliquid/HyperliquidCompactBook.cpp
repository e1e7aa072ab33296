#include "HyperliquidCompactBook.h"
#include "HyperliquidJson.h"

#include "core/TimeUnits.h"

#include <limits>

namespace tapescope::hyperliquid::detail {

namespace {

// A strict cursor over the frame: every step either matches exactly or fails, and one failure sends the
// whole frame to the general reader.
class Cursor
{
public:
    explicit Cursor(std::string_view text)
        : m_at(text.data())
        , m_end(text.data() + text.size())
    { }

    bool atEnd() const { return m_at == m_end; }

    bool take(char c)
    {
        if (m_at == m_end || *m_at != c)
            return false;
        ++m_at;
        return true;
    }

    bool take(std::string_view literal)
    {
        if (static_cast<std::size_t>(m_end - m_at) < literal.size()
            || std::string_view(m_at, literal.size()) != literal)
            return false;
        m_at += literal.size();
        return true;
    }

    // The content of a string whose opening quote was taken, up to its closing quote: printable ASCII
    // without escapes only (anything else, including UTF-8, is left to the general reader).
    bool stringContent(std::string_view &text)
    {
        const char *start = m_at;
        while (m_at != m_end && *m_at != '"') {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c < 0x20 || c > 0x7e || c == '\\')
                return false;
            ++m_at;
        }
        if (m_at == m_end)
            return false;
        text = std::string_view(start, static_cast<std::size_t>(m_at - start));
        ++m_at;
        return true;
    }

    // A decimal string whose opening quote was taken, read in the same pass that finds its closing quote when it is
    // in the venue's plain spelling: 1 to 18 digits with at most one point (no overflow possible: 10^18 < 2^63).
    // Anything else (a sign, an exponent, an escape, more digits) is read as before, by stringContent and then
    // parseDecimal, so the result is the same either way.
    bool decimal(Decimal &out)
    {
        const char *p = m_at;
        std::uint64_t mantissa = 0; // unsigned: wraps harmlessly past 18 digits, which are then read the slow way
        int digits = 0;
        int scale = 0;
        bool seenPoint = false;
        for (; p != m_end; ++p) {
            const unsigned digit = static_cast<unsigned char>(*p) - unsigned { '0' };
            if (digit < 10) {
                mantissa = mantissa * 10 + digit;
                ++digits;
                scale += seenPoint ? 1 : 0;
            } else if (*p == '.' && !seenPoint) {
                seenPoint = true;
            } else {
                break;
            }
        }
        if (p != m_end && *p == '"' && digits > 0 && digits <= 18) {
            m_at = p + 1;
            out = Decimal::fromRaw(static_cast<std::int64_t>(mantissa), scale);
            return true;
        }
        return unusualDecimal(out);
    }

    // Any other spelling, read by the general parser. Out of line, so that the plain case above stays small enough
    // to be inlined where a level is read.
    Q_NEVER_INLINE bool unusualDecimal(Decimal &out)
    {
        std::string_view text;
        if (!stringContent(text))
            return false;
        const auto parsed = parseDecimal(text);
        if (!parsed)
            return false;
        out = *parsed;
        return true;
    }

    // A non-negative JSON integer without a leading zero (other than "0" itself) that fits `limit`.
    bool unsignedInteger(std::int64_t &out, std::int64_t limit)
    {
        const char *start = m_at;
        std::uint64_t value = 0; // at most 18 digits are accumulated: no overflow
        while (m_at != m_end && *m_at >= '0' && *m_at <= '9') {
            if (m_at - start == 18)
                return false; // 19 digits or more: beyond every limit used here (all < 10^18)
            value = value * 10 + static_cast<unsigned>(*m_at - '0');
            ++m_at;
        }
        const auto digits = m_at - start;
        if (digits == 0 || (digits > 1 && *start == '0') || value > static_cast<std::uint64_t>(limit))
            return false;
        out = static_cast<std::int64_t>(value);
        return true;
    }

    bool side(std::vector<Level> &levels)
    {
        if (!take('['))
            return false;
        if (take(']'))
            return true;
        levels.reserve(20);
        do {
            // Read in place: a level built on the stack and then copied in was stored in pieces and loaded whole,
            // which the processor cannot forward from its store buffer (a stall of its own per level, measured:
            // bench/README.md). On failure the half-read level goes with the whole frame to the general reader.
            Level &level = levels.emplace_back();
            std::int64_t orders = 0;
            if (!(take(R"({"px":")") && decimal(level.price) && take(R"(,"sz":")") && decimal(level.size)
                  && take(R"(,"n":)") && unsignedInteger(orders, std::numeric_limits<std::int32_t>::max())
                  && take('}')))
                return false;
            level.orders = static_cast<std::int32_t>(orders);
        } while (take(','));
        return take(']');
    }

private:
    const char *m_at;
    const char *const m_end;
};

} // namespace

bool decodeCompactBook(std::string_view frame, const QString &venue, EventBatch &out)
{
    Cursor cursor(frame);
    if (!cursor.take(R"({"channel":"l2Book","data":{"coin":")"))
        return false;
    std::string_view coin;
    std::int64_t time = 0;
    BookSnapshot book;
    if (!(cursor.stringContent(coin) && !coin.empty() && cursor.take(R"(,"time":)")
          && cursor.unsignedInteger(time, time_units::kMaxMs) && cursor.take(R"(,"levels":[)") && cursor.side(book.bids)
          && cursor.take(',') && cursor.side(book.asks) && cursor.take(']')))
        return false;
    // Frames of a `fast` subscription say so after the levels (docs/protocols/hyperliquid.md §7.1); nothing else may
    // follow.
    if (!cursor.take(R"(,"fast":true)"))
        cursor.take(R"(,"fast":false)");
    if (!(cursor.take("}}") && cursor.atEnd()))
        return false;
    book.venue = venue;
    book.symbol = QString::fromLatin1(coin.data(), static_cast<qsizetype>(coin.size()));
    book.ts = time;
    out.emplace_back(std::move(book));
    return true;
}

} // namespace tapescope::hyperliquid::detail
